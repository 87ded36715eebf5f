package mm

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// Test doubles: physical memory is a slice of frames, the page table a
// map of what the hardware would hold.

const (
	testFrameBase = 0x20000000
	testUserEnd   = 0x7ffffffff000
	testMmapBase  = 0x7f0000000000
	pg            = 0x1000
)

type fakeMem struct {
	mem   []byte
	free  []uint64
	inUse map[uint64]bool
}

func newFakeMem(frames int) *fakeMem {
	m := &fakeMem{mem: make([]byte, frames*pg), inUse: map[uint64]bool{}}
	for i := frames - 1; i >= 0; i-- {
		m.free = append(m.free, testFrameBase+uint64(i)*pg)
	}
	return m
}

func (m *fakeMem) Frame(pa uint64) []byte {
	off := pa - testFrameBase
	return m.mem[off : off+pg : off+pg]
}

func (m *fakeMem) Alloc() (uint64, bool) {
	if len(m.free) == 0 {
		return 0, false
	}
	pa := m.free[len(m.free)-1]
	m.free = m.free[:len(m.free)-1]
	m.inUse[pa] = true
	clear(m.Frame(pa))
	return pa, true
}

func (m *fakeMem) Free(pa uint64) {
	if !m.inUse[pa] {
		panic("fakeMem: free of a frame not in use")
	}
	delete(m.inUse, pa)
	// Dirty it so that a reuse without zeroing shows.
	for i := range m.Frame(pa) {
		m.Frame(pa)[i] = 0xdd
	}
	m.free = append(m.free, pa)
}

func (m *fakeMem) used() int { return len(m.inUse) }

type fakePTE struct {
	pa          uint64
	write, exec bool
}

type fakePT struct {
	ptes     map[uint64]fakePTE
	released int
	full     bool
}

func (p *fakePT) Map(va, pa uint64, write, exec bool) error {
	if p.full {
		return errors.New("fakePT: out of table frames")
	}
	p.ptes[va] = fakePTE{pa, write, exec}
	return nil
}

func (p *fakePT) Unmap(va uint64) (uint64, bool) {
	e, ok := p.ptes[va]
	delete(p.ptes, va)
	return e.pa, ok
}

func (p *fakePT) Root() uint64 { return 0x1000 }
func (p *fakePT) Release()     { p.released++ }

type rig struct {
	as  *AddressSpace
	mem *fakeMem
	pt  *fakePT
}

// newRig returns an address space with the amd64-like reserved ranges
// (low 2 MiB, kernel RAM at [256 MiB, 1 GiB)) over frames fake frames.
func newRig(frames int) *rig {
	mem := newFakeMem(frames)
	pt := &fakePT{ptes: map[uint64]fakePTE{}}
	l := Layout{
		UserEnd:  testUserEnd,
		MmapBase: testMmapBase,
		Reserved: []Range{{0, 0x200000}, {0x10000000, 0x40000000}},
	}
	return &rig{NewAddressSpace(pt, mem, mem, l), mem, pt}
}

// mapAt creates a fixed VMA or fails the test.
func (r *rig) mapAt(t testing.TB, addr, length uint64, prot Prot) {
	t.Helper()
	require.NoError(t, r.as.Map(addr, length, prot, ""))
}

// touch faults every page of [addr, addr+length) in for reading.
func (r *rig) touch(t *testing.T, addr, length uint64) {
	t.Helper()
	for va := addr; va < addr+length; va += pg {
		ok, code := r.as.HandleFault(va, false, false)
		require.True(t, ok, "fault at %#x: code %d", va, code)
	}
}

// ranges returns the VMAs for comparison.
func (r *rig) ranges() []VMA {
	return r.as.VMAs()
}

func vma(start, end uint64, prot Prot) VMA {
	return VMA{Range: Range{start, end}, Prot: prot}
}
