package mm_test

import (
	"testing"

	"github.com/ringside-kernel/ringside/arch/amd64"
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An address space over the real x86-64 table format, user pages and
// table frames drawn from one pool: the pool must be whole again after
// Release.

const poolBase = 0x20000000

type pool struct {
	mem  []byte
	free []uint64
}

func newPool(frames int) *pool {
	p := &pool{mem: make([]byte, frames*abi.PageSize)}
	for i := frames - 1; i >= 0; i-- {
		p.free = append(p.free, poolBase+uint64(i)*abi.PageSize)
	}
	return p
}

func (p *pool) Frame(pa uint64) []byte {
	off := pa - poolBase
	return p.mem[off : off+abi.PageSize]
}

func (p *pool) Alloc() (uint64, bool) {
	if len(p.free) == 0 {
		return 0, false
	}
	pa := p.free[len(p.free)-1]
	p.free = p.free[:len(p.free)-1]
	clear(p.Frame(pa))
	return pa, true
}

func (p *pool) Free(pa uint64) { p.free = append(p.free, pa) }

// kernelTemplate stands for the boot tables: 1 GiB pages for 1..6 GiB and
// kernel PD slots as 2 MiB pages, all supervisor-only.
func kernelTemplate() amd64.KernelTemplate {
	var k amd64.KernelTemplate
	for i := 1; i <= 5; i++ {
		k.PDPT[i] = uint64(i)<<30 | 0x83
	}
	k.PD = map[int]uint64{}
	for _, i := range amd64.KernelPDSlots() {
		k.PD[i] = uint64(i)<<21 | 0x83
	}
	return k
}

func TestAddressSpaceOverAMD64Tables(t *testing.T) {
	const frames = 64
	p := newPool(frames)
	var invalidated []uint64
	pt, err := amd64.NewPageTable(p.Alloc, p.Free, p.Frame, kernelTemplate())
	require.NoError(t, err)
	pt.Invalidate = func(va uint64) { invalidated = append(invalidated, va) }
	as := mm.NewAddressSpace(pt, p, p, mm.Layout{
		UserEnd:  0x7ffffffff000,
		MmapBase: 0x7f0000000000,
		Reserved: []mm.Range{
			{Start: 0, End: 0x200000},
			{Start: 0x10000000, End: 0x180000000},
		},
	})

	require.NoError(t, as.Map(0x400000, 0x2000, mm.ProtRead|mm.ProtExec,
		"text"))
	require.NoError(t, as.Poke(0x400000, []byte{0x90}))
	addr, errno := as.Mmap(0, 0x3000, mm.ProtRead|mm.ProtWrite,
		mm.MapPrivate|mm.MapAnonymous|mm.MapPopulate)
	require.Zero(t, errno)
	ok, _ := as.HandleFault(0x401000, false, true)
	require.True(t, ok)

	text, mapped := pt.Translate(0x400000)
	require.True(t, mapped)
	assert.Zero(t, text&2, "text not writable")
	assert.Zero(t, text>>63, "text executable")
	data, mapped := pt.Translate(addr)
	require.True(t, mapped)
	assert.NotZero(t, data&2, "data writable")
	assert.NotZero(t, data>>63, "data not executable")

	require.Zero(t, as.Mprotect(addr, 0x1000, mm.ProtNone))
	_, mapped = pt.Translate(addr)
	assert.False(t, mapped, "PROT_NONE leaves hardware")
	assert.Equal(t, []uint64{addr}, invalidated)
	require.Zero(t, as.Munmap(addr, 0x3000))

	as.Release()
	assert.Len(t, p.free, frames, "every page and table frame is back")
}
