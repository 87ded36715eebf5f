package mm

import "github.com/ringside-kernel/ringside/kernel/abi"

// HandleFault resolves a user page fault at addr (handle_mm_fault with
// the x86 access_error rules): write faults need PROT_WRITE, instruction
// fetches PROT_EXEC, reads any access bit. ok false means SIGSEGV with
// code SEGV_MAPERR (no VMA) or SEGV_ACCERR (the VMA forbids the access).
//
// A never-touched page gets a zeroed frame. A present page is mapped
// again with its VMA's permissions (a stale TLB entry or a spurious
// fault). Running out of frames also fails with SEGV_MAPERR: Linux would
// OOM-kill a task instead, ringside delivers SIGSEGV for now.
func (as *AddressSpace) HandleFault(addr uint64, write,
	exec bool) (ok bool, code int) {
	as.mu.Lock()
	defer as.mu.Unlock()

	v := as.vmaAt(addr)
	if v == nil || !as.userRange(addr, 1) {
		return false, abi.SEGV_MAPERR
	}
	if !permits(v.Prot, write, exec) {
		return false, abi.SEGV_ACCERR
	}

	va := pageDown(addr)
	if pa, present := as.pages.get(va >> pageShift); present {
		if as.hwMap(va, pa, v.Prot) != nil {
			return false, abi.SEGV_MAPERR
		}
		return true, 0
	}
	if _, ok := as.fill(va, v.Prot); !ok {
		return false, abi.SEGV_MAPERR
	}
	return true, 0
}

// permits reports whether prot allows the access.
func permits(prot Prot, write, exec bool) bool {
	switch {
	case write:
		return prot&ProtWrite != 0
	case exec:
		return prot&ProtExec != 0
	default:
		return prot&protAccess != 0
	}
}
