package mm

import (
	"bytes"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// CopyIn copies len(dst) bytes from user address addr into dst
// (copy_from_user). Every byte must lie in a VMA with some access, as a
// read fault would require; a never-touched page reads as zeros without
// taking a frame (Linux maps its zero page). A hole, a PROT_NONE VMA, a
// wrapping range or one that leaves user space is abi.EFAULT; dst then
// holds what was copied before the fault. Copying nothing never fails, as
// copy_from_user returns 0 for n == 0 whatever the address.
func (as *AddressSpace) CopyIn(addr uint64, dst []byte) error {
	if len(dst) == 0 ||
		as.direct(addr, len(dst)) && copyFromUser(dst, addr) {
		return nil
	}

	// The common case: a small copy from a page a recent copy went
	// through, without the VMA search or the deferred unlock.
	as.mu.Lock()
	if src, ok := as.cachedSpan(addr, len(dst), ProtNone); ok {
		copyWord(dst, src)
		as.mu.Unlock()
		return nil
	}
	as.mu.Unlock()

	return as.copyInSlow(addr, dst)
}

// copyWord is copy for dst and src of the same length, with the sizes
// syscalls copy most (a sigset_t, a pointer, an rseq field) done as one
// load and one store instead of a call to memmove.
func copyWord(dst, src []byte) {
	switch len(src) {
	case 8:
		*(*[8]byte)(dst) = [8]byte(src)
	case 4:
		*(*[4]byte)(dst) = [4]byte(src)
	default:
		copy(dst, src)
	}
}

// copyInSlow is CopyIn page by page.
func (as *AddressSpace) copyInSlow(addr uint64, dst []byte) error {
	as.mu.Lock()
	defer as.mu.Unlock()

	if !as.userRange(addr, uint64(len(dst))) {
		return abi.EFAULT
	}
	for len(dst) > 0 {
		off := addr & pageMask
		if f, ok := as.cached(addr, ProtNone); ok {
			n := copy(dst, f[off:])
			dst = dst[n:]
			addr += uint64(n)
			continue
		}

		v := as.vmaAt(addr)
		if v == nil || v.Prot&protAccess == 0 {
			return abi.EFAULT
		}
		if pa, ok := as.pages.get(addr >> pageShift); ok {
			as.remember(addr, pa, v.Prot)
		}
		n := copy(dst, as.readPage(addr))
		dst = dst[n:]
		addr += uint64(n)
	}
	return nil
}

// CopyOut copies src to user address addr (copy_to_user), faulting pages
// in as the write would. Every byte must lie in a writable VMA; a hole, a
// read-only or PROT_NONE VMA, a wrapping range or one that leaves user
// space is abi.EFAULT, as is running out of frames. The bytes before the
// fault stay written, as on Linux.
func (as *AddressSpace) CopyOut(addr uint64, src []byte) error {
	// direct refuses an empty copy too; testing the length here first
	// makes each copy one instruction cheaper (measured).
	if len(src) > 0 && as.direct(addr, len(src)) && copyToUser(addr, src) {
		return nil
	}

	as.mu.Lock()
	if dst, ok := as.cachedSpan(addr, len(src), ProtWrite); ok {
		copyWord(dst, src)
		as.mu.Unlock()
		return nil
	}
	as.mu.Unlock()

	return as.copyOutSlow(addr, src)
}

// copyOutSlow is CopyOut page by page.
func (as *AddressSpace) copyOutSlow(addr uint64, src []byte) error {
	as.mu.Lock()
	defer as.mu.Unlock()
	return as.write(addr, src, ProtWrite)
}

// Poke writes src at addr ignoring protection, for the loader filling
// read-only text and the initial stack. The range must still be mapped:
// a hole is abi.EFAULT.
func (as *AddressSpace) Poke(addr uint64, src []byte) error {
	as.mu.Lock()
	defer as.mu.Unlock()
	return as.write(addr, src, ProtNone)
}

// CopyInString reads a NUL-terminated string from addr; the NUL must be
// among the first limit bytes, so the result is at most limit-1 bytes long
// (strncpy_from_user as getname uses it with PATH_MAX). No NUL within
// limit bytes → abi.ENAMETOOLONG; an unreadable byte before the NUL →
// abi.EFAULT. Bytes past the NUL are never touched, so a
// string ending just below a hole reads fine.
func (as *AddressSpace) CopyInString(addr uint64, limit int) (string,
	error) {
	as.mu.Lock()
	defer as.mu.Unlock()

	var buf []byte
	for len(buf) < limit {
		v := as.vmaAt(addr)
		if v == nil || v.Prot&protAccess == 0 ||
			!as.userRange(addr, 1) {
			return "", abi.EFAULT
		}
		chunk := as.readPage(addr)
		chunk = chunk[:min(len(chunk), limit-len(buf))]
		if i := bytes.IndexByte(chunk, 0); i >= 0 {
			return string(append(buf, chunk[:i]...)), nil
		}
		buf = append(buf, chunk...)
		addr += uint64(len(chunk))
	}
	return "", abi.ENAMETOOLONG
}

// zeroPage backs reads of never-touched pages.
var zeroPage [abi.PageSize]byte

// readPage returns the bytes from addr to the end of its page.
func (as *AddressSpace) readPage(addr uint64) []byte {
	off := addr & pageMask
	if pa, ok := as.pages.get(addr >> pageShift); ok {
		return as.phys.Frame(pa)[off:abi.PageSize]
	}
	return zeroPage[off:]
}

// write copies src to addr, page by page, into VMAs that allow need,
// populating pages on the way.
func (as *AddressSpace) write(addr uint64, src []byte, need Prot) error {
	if len(src) == 0 {
		return nil
	}
	if !as.userRange(addr, uint64(len(src))) {
		return abi.EFAULT
	}
	for len(src) > 0 {
		off := addr & pageMask
		if f, ok := as.cached(addr, need); ok && need != ProtNone {
			n := copy(f[off:], src)
			src = src[n:]
			addr += uint64(n)
			continue
		}

		v := as.vmaAt(addr)
		if v == nil || v.Prot&need != need {
			return abi.EFAULT
		}
		pa, ok := as.populate(pageDown(addr), v.Prot)
		if !ok {
			return abi.EFAULT
		}
		if need != ProtNone {
			as.remember(addr, pa, v.Prot)
		}
		n := copy(as.phys.Frame(pa)[off:abi.PageSize], src)
		src = src[n:]
		addr += uint64(n)
	}
	return nil
}
