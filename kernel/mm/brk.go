package mm

import "github.com/ringside-kernel/ringside/kernel/abi"

// heapName is the heap VMA's name in /proc/<pid>/maps.
const heapName = "[heap]"

// SetBrkBase sets the start of the heap to the end of the loaded image,
// page rounded up (load_elf_binary: mm->start_brk = mm->brk =
// ELF_PAGEALIGN(elf_brk)). Ringside does not randomize it.
func (as *AddressSpace) SetBrkBase(addr uint64) {
	as.mu.Lock()
	defer as.mu.Unlock()
	base, _ := pageUp(addr)
	as.brkBase, as.brk = base, base
}

// Brk is brk(2) (sys_brk) and returns the break after the call. A request
// below the base (so brk(0)), or made before SetBrkBase, returns the
// current break. Growing maps [old, new) page rounded as a read-write
// "[heap]" VMA and needs one free page above it (Linux's check against
// the next VMA); a collision, a reserved range or UserEnd returns the old
// break. Shrinking unmaps and frees the pages above the new break.
func (as *AddressSpace) Brk(addr uint64) uint64 {
	as.mu.Lock()
	defer as.mu.Unlock()

	if as.brkBase == 0 || addr < as.brkBase {
		return as.brk
	}
	newTop, ok := pageUp(addr)
	if !ok {
		return as.brk
	}
	oldTop, _ := pageUp(as.brk)

	switch {
	case newTop == oldTop:
	case addr < as.brk:
		as.unmapRange(newTop, oldTop)
	default:
		guard := min(newTop+abi.PageSize, as.layout.UserEnd)
		if newTop > as.layout.UserEnd ||
			as.reserved(oldTop, newTop) || as.intersects(oldTop, guard) {
			return as.brk
		}
		as.insertVMA(VMA{Range{oldTop, newTop},
			ProtRead | ProtWrite, heapName})
	}
	as.brk = addr
	return addr
}
