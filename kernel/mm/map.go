package mm

import "github.com/ringside-kernel/ringside/kernel/abi"

// Map creates the fixed mapping [addr, addr+length) for the loader and
// the initial stack (Linux's elf_map and setup_arg_pages, which use
// MAP_FIXED on a fresh mm). Pages are demand paged.
//
// Errors: addr not page aligned, length zero or wrapping → EINVAL; beyond
// UserEnd or over a reserved range → ENOMEM; over an existing VMA →
// EEXIST. The error is an abi.Errno.
func (as *AddressSpace) Map(addr, length uint64, prot Prot,
	name string) error {
	as.mu.Lock()
	defer as.mu.Unlock()

	size, ok := pageUp(length)
	if addr&pageMask != 0 || length == 0 || !ok || addr+size < addr {
		return abi.EINVAL
	}
	end := addr + size
	if !as.userRange(addr, size) {
		return abi.ENOMEM
	}
	if as.intersects(addr, end) {
		return abi.EEXIST
	}

	as.insertVMA(VMA{Range{addr, end}, prot & protAccess, name})
	return nil
}
