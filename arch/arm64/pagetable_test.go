package arm64

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/arch/internal/ptable/ptabletest"
)

// ptStore is fake physical memory: boot tables like cpuinit's plus a pool
// of frames for task tables.
type ptStore struct{ *ptabletest.Store }

const (
	ptPoolBase = 0x50000000
	testBootL1 = 0x40180000
	testBootL2 = 0x40181000
	// The test board's devices: QEMU virt's.
	testDevStart = 0x08000000
	testDevEnd   = 0x0a200000
)

func newPTStore(poolFrames int) *ptStore {
	return &ptStore{ptabletest.NewStore(ptPoolBase, poolFrames,
		testBootL1, testBootL2)}
}

// bootTables writes what cpuinit writes (cpu.go): level 1 slot 0 to the
// level 2 table, slot 1 the RAM block; level 2 slots 1..511 device blocks.
func (s *ptStore) bootTables() {
	setPTE(s.Frame(testBootL1), 0, testBootL2|descTable)
	setPTE(s.Frame(testBootL1), 1, 0x40000000|descBlock|attrNormal<<2|
		descSHInner|descAF|descUXN)
	for i := 1; i < ptEntries; i++ {
		setPTE(s.Frame(testBootL2), i, uint64(i)<<21|descBlock|
			attrDevice<<2|descAF|descPXN|descUXN)
	}
}

// mmuView is what the MMU concludes for one address of the EL1&0 regime.
type mmuView struct {
	pa uint64
	// el0, el0Write, el0Exec: access from EL0; el1Exec: execution at
	// EL1 (every mapping here is readable and writable... at EL1 unless
	// AP[2]).
	el0, el0Write, el0Exec, el1Exec bool
	global                          bool
	attr                            int
}

// mmuWalk translates va the way a stage 1 walk with a 4 KiB granule from
// level 1 does (D8.2, D8.3, D8.4): table descriptors at levels 1 and 2,
// blocks there end the walk, level 3 needs page descriptors; AF clear
// faults; AP[1] grants EL0, AP[2] makes it read-only, UXN and PXN forbid
// execution, and an EL0-writable region never executes at EL1.
func mmuWalk(s *ptStore, root, va uint64) (mmuView, bool) {
	table := root
	for level, shift := range []uint{30, 21, 12} {
		e := binary.LittleEndian.Uint64(
			s.Frame(table)[(va>>shift)%ptEntries*8:])
		if e&descValid == 0 {
			return mmuView{}, false
		}
		typ := e & descTypeMsk
		if level < 2 && typ == descTable {
			table = e & descAddr
			continue
		}
		if level == 2 && typ != descPage {
			return mmuView{}, false
		}
		if e&descAF == 0 {
			return mmuView{}, false
		}
		mask := uint64(1)<<shift - 1
		v := mmuView{
			pa:       e&descAddr&^mask | va&mask,
			el0:      e&descAPUser != 0,
			el0Write: e&descAPUser != 0 && e&descAPRO == 0,
			global:   e&descNG == 0,
			attr:     int(e>>2) & 7,
		}
		v.el0Exec = v.el0 && e&descUXN == 0
		v.el1Exec = e&descPXN == 0 && !v.el0Write
		return v, true
	}
	panic("unreachable")
}

func newTestPT(t *testing.T, poolFrames int) (*PageTable, *ptStore) {
	t.Helper()
	s := newPTStore(poolFrames)
	s.bootTables()
	pt, err := NewPageTable(s.Alloc, s.Free, s.Frame, testTemplate(s))
	require.NoError(t, err)
	return pt, s
}

func testTemplate(s *ptStore) KernelTemplate {
	return BootKernelTemplate(s.Frame, testBootL1,
		L2Slots(testDevStart, testDevEnd))
}

func TestL2Slots(t *testing.T) {
	tests := []struct {
		name       string
		start, end uint64
		want       []int
	}{
		{"one block", 0x09000000, 0x09001000, []int{72}},
		{"rounds out to whole blocks", 0x081fffff, 0x08200001,
			[]int{64, 65}},
		{"virt's devices", testDevStart, testDevEnd, []int{64, 65, 66, 67,
			68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80}},
		{"stops at the first GiB", 0x3fe00000, 0x40400000, []int{511}},
		{"empty", 0x1000, 0x1000, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, L2Slots(tt.start, tt.end))
		})
	}
}

func TestPageTableMap(t *testing.T) {
	const userFrame = 0x60000000
	tests := []struct {
		name        string
		va          uint64
		write, exec bool
		wantErr     error
	}{
		{"maps read-only data", 0x400000, false, false, nil},
		{"maps writable data", 0x401000, true, false, nil},
		{"maps executable text", 0x402000, false, true, nil},
		{"maps writable text", 0x403000, true, true, nil},
		{"maps the null page (mmap_min_addr is mm's)", 0, true, false,
			nil},
		{"maps the last page below the devices", 0x07fff000, true, false,
			nil},
		{"maps the first page above the devices", 0x0a200000, true,
			false, nil},
		{"maps the last page below RAM", 0x3ffff000, true, false, nil},
		{"maps the first page above RAM", 0x80000000, true, false, nil},
		{"maps the top user page", UserTop - PageSize, true, false, nil},
		{"rejects the first device block", testDevStart, true, false,
			ErrKernelAddress},
		{"rejects the console", 0x09000000, false, false,
			ErrKernelAddress},
		{"rejects the last device block", testDevEnd - PageSize, false,
			false, ErrKernelAddress},
		{"rejects the kernel image", 0x40010000, false, false,
			ErrKernelAddress},
		{"rejects the frame pool", 0x7ffff000, false, false,
			ErrKernelAddress},
		{"rejects an unaligned address", 0x400008, false, false,
			ErrBadAddress},
		{"rejects the end of the TTBR0 range", UserTop, false, false,
			ErrBadAddress},
		{"rejects the upper half", 0xffff000000000000, false, false,
			ErrBadAddress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pt, s := newTestPT(t, 16)

			err := pt.Map(tt.va, userFrame, tt.write, tt.exec)

			require.Equal(t, tt.wantErr, err)
			if err != nil {
				if got, ok := mmuWalk(s, pt.Root(), tt.va); ok {
					assert.False(t, got.el0, "kernel stays kernel")
				}
				return
			}
			got, ok := mmuWalk(s, pt.Root(), tt.va+0x123)
			require.True(t, ok)
			assert.Equal(t, mmuView{pa: userFrame + 0x123, el0: true,
				el0Write: tt.write, el0Exec: tt.exec,
				attr: attrNormal}, got)
			e, ok := pt.Translate(tt.va)
			assert.True(t, ok)
			assert.Equal(t, !tt.exec, e&descUXN != 0)
			assert.NotZero(t, e&descPXN, "the kernel never runs user code")
		})
	}
}

func TestPageTableKeepsTheKernelMapped(t *testing.T) {
	pt, s := newTestPT(t, 16)
	var boot [][]byte
	for _, pa := range []uint64{testBootL1, testBootL2} {
		boot = append(boot, append([]byte{}, s.Frame(pa)...))
	}
	require.NoError(t, pt.Map(0x400000, 0x60000000, true, true))
	require.NoError(t, pt.Map(0x80000000, 0x60001000, true, true))
	pt.Unmap(0x400000)
	for i, pa := range []uint64{testBootL1, testBootL2} {
		assert.Equal(t, boot[i], s.Frame(pa), "boot table %#x", pa)
	}

	kernel := []struct {
		va   uint64
		want mmuView
	}{
		{0x08000000, mmuView{pa: 0x08000000, global: true,
			attr: attrDevice}},
		{0x09000018, mmuView{pa: 0x09000018, global: true,
			attr: attrDevice}},
		{0x0a1fffff, mmuView{pa: 0x0a1fffff, global: true,
			attr: attrDevice}},
		{0x40010000, mmuView{pa: 0x40010000, el1Exec: true,
			global: true, attr: attrNormal}},
		{0x7fffffff, mmuView{pa: 0x7fffffff, el1Exec: true,
			global: true, attr: attrNormal}},
	}
	for _, k := range kernel {
		got, ok := mmuWalk(s, pt.Root(), k.va)
		require.True(t, ok, "%#x", k.va)
		assert.Equal(t, k.want, got, "%#x", k.va)
	}
	for _, va := range []uint64{0x200000, 0x07e00000, 0x0a200000,
		0x3fe00000} {
		_, ok := mmuWalk(s, pt.Root(), va)
		assert.False(t, ok, "boot device map of %#x is not copied", va)
	}
	got, ok := mmuWalk(s, pt.Root(), 0x80000000)
	assert.True(t, ok)
	assert.Equal(t, mmuView{pa: 0x60001000, el0: true, el0Write: true,
		el0Exec: true, attr: attrNormal}, got)

	root := s.Frame(pt.Root())
	for i := 1; i < ptEntries; i++ {
		if i == 2 { // the user mapping at 2 GiB added a table there
			assert.Equal(t, uint64(descTable), pteAt(root, i)&^descAddr)
			continue
		}
		assert.Equal(t, pteAt(s.Frame(testBootL1), i), pteAt(root, i))
	}
	l2 := s.Frame(pteAt(root, 0) & descAddr)
	for _, i := range L2Slots(testDevStart, testDevEnd) {
		assert.Equal(t, pteAt(s.Frame(testBootL2), i), pteAt(l2, i))
	}
	assert.Empty(t, s.Freed)
	assert.NotEqual(t, uint64(testBootL2), pteAt(root, 0)&descAddr)
}

func TestPageTableRemap(t *testing.T) {
	tests := []struct {
		name        string
		pa          uint64
		write, exec bool
		// wantInvalidate holds the entry's value at each invalidation.
		wantInvalidate []bool
	}{
		{"same permissions need no invalidation", 0x60000000, true,
			false, nil},
		{"dropping write invalidates after", 0x60000000, false, false,
			[]bool{true}},
		{"adding exec invalidates after", 0x60000000, true, true,
			[]bool{true}},
		{"another frame breaks before it makes", 0x60001000, true, false,
			[]bool{false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pt, s := newTestPT(t, 16)
			var valid []bool
			pt.Invalidate = func(va uint64) {
				require.Equal(t, uint64(0x400000), va)
				_, ok := mmuWalk(s, pt.Root(), va)
				valid = append(valid, ok)
			}
			require.NoError(t, pt.Map(0x400000, 0x60000000, true, false))

			require.NoError(t, pt.Map(0x400000, tt.pa, tt.write,
				tt.exec))

			got, ok := mmuWalk(s, pt.Root(), 0x400000)
			require.True(t, ok)
			assert.Equal(t, mmuView{pa: tt.pa, el0: true,
				el0Write: tt.write, el0Exec: tt.exec,
				attr: attrNormal}, got)
			assert.Equal(t, tt.wantInvalidate, valid)
		})
	}
}

func TestPageTableUnmap(t *testing.T) {
	tests := []struct {
		name           string
		va             uint64
		wantPA         uint64
		wantOK         bool
		wantInvalidate []uint64
	}{
		{"returns the frame and invalidates", 0x400000, 0x60000000,
			true, []uint64{0x400000}},
		{"misses a neighbour in the same table", 0x401000, 0, false, nil},
		{"misses where no table exists", 1 << 38, 0, false, nil},
		{"refuses a kernel address", 0x40010000, 0, false, nil},
		{"refuses a device address", 0x09000000, 0, false, nil},
		{"refuses an unaligned address", 0x400001, 0, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pt, s := newTestPT(t, 16)
			var invalidated []uint64
			pt.Invalidate = func(va uint64) {
				invalidated = append(invalidated, va)
			}
			require.NoError(t, pt.Map(0x400000, 0x60000000, true, false))

			pa, ok := pt.Unmap(tt.va)

			assert.Equal(t, tt.wantPA, pa)
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.wantInvalidate, invalidated)
			_, mapped := mmuWalk(s, pt.Root(), 0x400000)
			assert.Equal(t, !tt.wantOK, mapped)
			got, kernel := mmuWalk(s, pt.Root(), 0x40010000)
			assert.True(t, kernel)
			assert.False(t, got.el0)
		})
	}
}

func TestPageTableRelease(t *testing.T) {
	tests := []struct {
		name      string
		maps      []uint64
		wantOwned int
	}{
		{"frees the two base tables", nil, 2},
		{"frees one level 3 table for pages under one block",
			[]uint64{0x400000, 0x401000}, 3},
		{"frees the tables of distant mappings",
			[]uint64{0x400000, 0x80000000, UserTop - PageSize},
			2 + 1 + 2 + 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pt, s := newTestPT(t, 16)
			for _, va := range tt.maps {
				require.NoError(t, pt.Map(va, 0x60000000, true, false))
			}
			require.Len(t, s.Allocated, tt.wantOwned)

			pt.Release()
			pt.Release()

			assert.Empty(t, s.Allocated)
			assert.Len(t, s.Freed, tt.wantOwned)
			assert.Zero(t, pt.Root())
			assert.Equal(t, ErrBadAddress, pt.Map(0x400000, 0, true, true))
		})
	}
}

func TestPageTableOutOfFrames(t *testing.T) {
	tests := []struct {
		name    string
		pool    int
		wantNew bool
	}{
		{"fails to build without a level 1 table", 0, false},
		{"fails to build without a level 2 table", 1, false},
		{"builds but cannot map", 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newPTStore(tt.pool)
			s.bootTables()

			pt, err := NewPageTable(s.Alloc, s.Free, s.Frame,
				testTemplate(s))

			if !tt.wantNew {
				assert.Equal(t, ErrNoTableFrame, err)
				assert.Empty(t, s.Allocated, "no leak")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, ErrNoTableFrame,
				pt.Map(0x400000, 0x60000000, true, false))
			pt.Release()
			assert.Empty(t, s.Allocated)
		})
	}
}
