package amd64

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/arch/internal/ptable/ptabletest"
)

// ptStore is fake physical memory: the boot tables at their real
// addresses plus a pool of frames for task tables.
type ptStore struct{ *ptabletest.Store }

const ptPoolBase = 0x20000000

func newPTStore(poolFrames int) *ptStore {
	return &ptStore{ptabletest.NewStore(ptPoolBase, poolFrames,
		BootPML4, BootPDPT, BootPD, 0xc000)}
}

// bootTables writes tamago-like boot tables: 2 MiB pages for the first
// GiB (PD[0] to a 4 KiB table at 0xc000), 1 GiB pages for 1..6 GiB, all
// supervisor-only.
func (s *ptStore) bootTables() {
	const kernelRW = ptePresent | pteWrite
	setPTE(s.Frame(BootPML4), 0, BootPDPT|kernelRW)
	setPTE(s.Frame(BootPDPT), 0, BootPD|kernelRW)
	for i := 1; i <= 5; i++ {
		setPTE(s.Frame(BootPDPT), i, uint64(i)<<30|kernelRW|pteLarge)
	}
	setPTE(s.Frame(BootPD), 0, 0xc000|kernelRW)
	for i := 1; i < ptEntries; i++ {
		setPTE(s.Frame(BootPD), i, uint64(i)<<21|kernelRW|pteLarge)
	}
	for i := 0; i < ptEntries; i++ {
		setPTE(s.Frame(0xc000), i, uint64(i)<<12|kernelRW)
	}
}

// mmuView is what the MMU concludes for one linear address.
type mmuView struct {
	pa                uint64
	user, write, exec bool
}

// mmuWalk translates va the way the MMU does (SDM Vol. 3A, 4.5.4 and
// 4.6.1): U/S and R/W must be set at every level, XD at any level
// forbids execution, PS ends the walk early.
func mmuWalk(s *ptStore, root, va uint64) (mmuView, bool) {
	v := mmuView{user: true, write: true, exec: true}
	table := root
	for level, shift := range []uint{39, 30, 21, 12} {
		e := binary.LittleEndian.Uint64(
			s.Frame(table)[(va>>shift)%ptEntries*8:])
		if e&ptePresent == 0 {
			return mmuView{}, false
		}
		v.user = v.user && e&pteUser != 0
		v.write = v.write && e&pteWrite != 0
		v.exec = v.exec && e&pteNX == 0
		leaf := level == 3 || (level > 0 && e&pteLarge != 0)
		if leaf {
			mask := uint64(1)<<shift - 1
			v.pa = e&pteAddr&^mask | va&mask
			return v, true
		}
		table = e & pteAddr
	}
	panic("unreachable")
}

func newTestPT(t *testing.T, poolFrames int) (*PageTable, *ptStore) {
	t.Helper()
	s := newPTStore(poolFrames)
	s.bootTables()
	pt, err := NewPageTable(s.Alloc, s.Free, s.Frame,
		BootKernelTemplate(s.Frame))
	require.NoError(t, err)
	return pt, s
}

func TestPageTableMap(t *testing.T) {
	const userFrame = 0x30000000
	tests := []struct {
		name        string
		va          uint64
		write, exec bool
		wantErr     error
	}{
		{"maps read-only data", 0x400000, false, false, nil},
		{"maps writable data", 0x401000, true, false, nil},
		{"maps executable text", 0x402000, false, true, nil},
		{"maps the first user page above 2 MiB", 0x200000, true, false,
			nil},
		{"maps the last page below 256 MiB", 0xffff000, true, false, nil},
		{"maps the first page above 6 GiB", 6 << 30, true, false, nil},
		{"maps in the second PML4 slot", 1 << 39, true, true, nil},
		{"maps the top user page", ptUserTop - ptFrame, true, false, nil},
		{"rejects the null page", 0, true, false, ErrKernelAddress},
		{"rejects the boot tables", BootPML4, false, false,
			ErrKernelAddress},
		{"rejects the last page below 2 MiB", 0x1ff000, false, false,
			ErrKernelAddress},
		{"rejects kernel RAM", 0x10000000, false, false,
			ErrKernelAddress},
		{"rejects the frame pool", 0x3ffff000, false, false,
			ErrKernelAddress},
		{"rejects the 1 GiB pages", 0x40000000, false, false,
			ErrKernelAddress},
		{"rejects the last kernel GiB", 6<<30 - ptFrame, false, false,
			ErrKernelAddress},
		{"rejects an unaligned address", 0x400008, false, false,
			ErrBadAddress},
		{"rejects the upper half", ptUserTop, false, false,
			ErrBadAddress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pt, s := newTestPT(t, 16)

			err := pt.Map(tt.va, userFrame, tt.write, tt.exec)

			require.Equal(t, tt.wantErr, err)
			if err != nil {
				if got, ok := mmuWalk(s, pt.Root(), tt.va); ok {
					assert.False(t, got.user, "kernel stays kernel")
				}
				return
			}
			got, ok := mmuWalk(s, pt.Root(), tt.va+0x123)
			require.True(t, ok)
			assert.Equal(t, mmuView{userFrame + 0x123, true, tt.write,
				tt.exec}, got)
			e, ok := pt.Translate(tt.va)
			assert.True(t, ok)
			assert.Equal(t, !tt.exec, e&pteNX != 0)
		})
	}
}

func TestPageTableKeepsTheKernelMapped(t *testing.T) {
	pt, s := newTestPT(t, 16)
	var boot [][]byte
	for _, pa := range []uint64{BootPML4, BootPDPT, BootPD, 0xc000} {
		boot = append(boot, append([]byte{}, s.Frame(pa)...))
	}
	require.NoError(t, pt.Map(0x200000, 0x30000000, true, true))
	require.NoError(t, pt.Map(6<<30, 0x30001000, true, true))
	pt.Unmap(0x200000)
	for i, pa := range []uint64{BootPML4, BootPDPT, BootPD, 0xc000} {
		assert.Equal(t, boot[i], s.Frame(pa), "boot table %#x", pa)
	}

	for _, va := range []uint64{0x9000, 0x1ff000, 0x10000000,
		0x20000000, 0x3fffffff, 0x40000000, 6<<30 - 1} {
		got, ok := mmuWalk(s, pt.Root(), va)
		require.True(t, ok, "%#x", va)
		assert.Equal(t, mmuView{va, false, true, true}, got, "%#x", va)
	}
	_, ok := mmuWalk(s, pt.Root(), 0x400000)
	assert.False(t, ok, "boot identity map of 2..256 MiB is not copied")
	got, ok := mmuWalk(s, pt.Root(), 6<<30)
	assert.True(t, ok)
	assert.Equal(t, mmuView{0x30001000, true, true, true}, got)

	root := s.Frame(pt.Root())
	pdpt := s.Frame(pteAt(root, 0) & pteAddr)
	pd := s.Frame(pteAt(pdpt, 0) & pteAddr)
	for i := 1; i < ptEntries; i++ {
		if i == 6 { // the user mapping at 6 GiB added a PD there
			assert.Equal(t, uint64(pteTable), pteAt(pdpt, i)&^pteAddr)
			continue
		}
		assert.Equal(t, pteAt(s.Frame(BootPDPT), i), pteAt(pdpt, i))
	}
	for _, i := range KernelPDSlots() {
		assert.Equal(t, pteAt(s.Frame(BootPD), i), pteAt(pd, i))
	}
	assert.Equal(t, 0, len(s.Freed))
	assert.NotEqual(t, uint64(BootPDPT), pteAt(root, 0)&pteAddr)
}

func TestPageTableRemapChangesPermissions(t *testing.T) {
	tests := []struct {
		name           string
		write, exec    bool
		wantInvalidate []uint64
	}{
		{"same permissions need no invalidation", true, false, nil},
		{"dropping write invalidates", false, false, []uint64{0x400000}},
		{"adding exec invalidates", true, true, []uint64{0x400000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pt, s := newTestPT(t, 16)
			var invalidated []uint64
			pt.Invalidate = func(va uint64) {
				invalidated = append(invalidated, va)
			}
			require.NoError(t, pt.Map(0x400000, 0x30000000, true, false))

			require.NoError(t, pt.Map(0x400000, 0x30000000, tt.write,
				tt.exec))

			got, ok := mmuWalk(s, pt.Root(), 0x400000)
			require.True(t, ok)
			assert.Equal(t, mmuView{0x30000000, true, tt.write, tt.exec},
				got)
			assert.Equal(t, tt.wantInvalidate, invalidated)
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
		{"returns the frame and invalidates", 0x400000, 0x30000000,
			true, []uint64{0x400000}},
		{"misses a neighbour in the same table", 0x401000, 0, false, nil},
		{"misses where no table exists", 1 << 40, 0, false, nil},
		{"refuses a kernel address", 0x10000000, 0, false, nil},
		{"refuses an unaligned address", 0x400001, 0, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pt, s := newTestPT(t, 16)
			var invalidated []uint64
			pt.Invalidate = func(va uint64) {
				invalidated = append(invalidated, va)
			}
			require.NoError(t, pt.Map(0x400000, 0x30000000, true, false))

			pa, ok := pt.Unmap(tt.va)

			assert.Equal(t, tt.wantPA, pa)
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.wantInvalidate, invalidated)
			_, mapped := mmuWalk(s, pt.Root(), 0x400000)
			assert.Equal(t, !tt.wantOK, mapped)
			got, kernel := mmuWalk(s, pt.Root(), 0x10000000)
			assert.True(t, kernel)
			assert.False(t, got.user)
		})
	}
}

func TestPageTableRelease(t *testing.T) {
	tests := []struct {
		name      string
		maps      []uint64
		wantOwned int
	}{
		{"frees the three base tables", nil, 3},
		{"frees one leaf table for pages under one PD slot",
			[]uint64{0x400000, 0x401000}, 4},
		{"frees the tables of distant mappings",
			[]uint64{0x400000, 6 << 30, 1 << 39}, 3 + 1 + 2 + 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pt, s := newTestPT(t, 16)
			for _, va := range tt.maps {
				require.NoError(t, pt.Map(va, 0x30000000, true, false))
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
		{"fails to build without a PML4", 0, false},
		{"fails to build without a PD", 2, false},
		{"builds but cannot map", 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newPTStore(tt.pool)
			s.bootTables()

			pt, err := NewPageTable(s.Alloc, s.Free, s.Frame,
				BootKernelTemplate(s.Frame))

			if !tt.wantNew {
				assert.Equal(t, ErrNoTableFrame, err)
				assert.Empty(t, s.Allocated, "no leak")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, ErrNoTableFrame,
				pt.Map(0x400000, 0x30000000, true, false))
			pt.Release()
			assert.Empty(t, s.Allocated)
		})
	}
}
