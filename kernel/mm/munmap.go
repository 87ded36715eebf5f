package mm

import "github.com/ringside-kernel/ringside/kernel/abi"

// Munmap is munmap(2) (do_vmi_munmap): it removes every mapping in
// [addr, addr+length), splitting VMAs at the ends and freeing their
// frames. Holes are not an error. addr not page aligned, a range beyond
// UserEnd, or length zero → EINVAL.
func (as *AddressSpace) Munmap(addr, length uint64) abi.Errno {
	as.mu.Lock()
	defer as.mu.Unlock()

	userEnd := as.layout.UserEnd
	if addr&pageMask != 0 || addr > userEnd || length > userEnd-addr {
		return abi.EINVAL
	}
	size, _ := pageUp(length)
	if size == 0 {
		return abi.EINVAL
	}

	as.unmapRange(addr, addr+size)
	return 0
}
