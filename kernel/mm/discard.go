package mm

import "github.com/ringside-kernel/ringside/kernel/abi"

// Discard frees the frames behind [addr, addr+length) and keeps the VMAs,
// so the next access reads zeros (zap_page_range_single, what
// MADV_DONTNEED does to private anonymous memory). Holes are skipped; the
// caller checks for them as madvise does. addr not page aligned or a range
// leaving user space → EINVAL.
func (as *AddressSpace) Discard(addr, length uint64) abi.Errno {
	as.mu.Lock()
	defer as.mu.Unlock()

	size, ok := pageUp(length)
	if addr&pageMask != 0 || !ok || !as.userRange(addr, size) {
		return abi.EINVAL
	}
	as.dropPages(addr, addr+size)
	return 0
}
