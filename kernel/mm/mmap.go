package mm

import "github.com/ringside-kernel/ringside/kernel/abi"

// mmap(2) flags (include/uapi/asm-generic/mman-common.h, linux/mman.h);
// the ones abi has are the same values.
const (
	MapShared         = abi.MAP_SHARED
	MapPrivate        = abi.MAP_PRIVATE
	MapSharedValidate = 0x03
	MapType           = 0x0f
	MapFixed          = abi.MAP_FIXED
	MapAnonymous      = abi.MAP_ANONYMOUS
	MapGrowsDown      = 0x100
	MapNoReserve      = 0x4000
	MapPopulate       = 0x8000
	MapStack          = 0x20000
	MapFixedNoReplace = 0x100000
)

// Mmap is anonymous mmap(2) (do_mmap) and returns the mapping's address.
// Checks, in Linux's order:
//   - not MAP_ANONYMOUS → ENODEV: ringside has no files to map (Linux
//     would first look the descriptor up, the syscall layer may answer
//     EBADF before calling here);
//   - length 0 → EINVAL; length wrapping when page rounded → ENOMEM;
//   - placement (see place): MAP_FIXED needs a page-aligned addr
//     (EINVAL) that leaves room below UserEnd (ENOMEM);
//   - MAP_FIXED_NOREPLACE over an existing VMA → EEXIST;
//   - the type is neither MAP_SHARED nor MAP_PRIVATE → EINVAL (both bits
//     make MAP_SHARED_VALIDATE, also EINVAL for anonymous memory), and
//     MAP_SHARED with MAP_GROWSDOWN → EINVAL.
//
// MAP_FIXED replaces what was there and frees its frames. MAP_SHARED
// anonymous memory behaves as private: with no fork there is nobody to
// share it with. MAP_GROWSDOWN, MAP_STACK and MAP_NORESERVE are accepted
// and ignored (the mapping does not grow). MAP_POPULATE faults every page
// in; running out of frames there is not an error, as on Linux.
func (as *AddressSpace) Mmap(addr, length uint64, prot Prot,
	flags uint64) (uint64, abi.Errno) {
	as.mu.Lock()
	defer as.mu.Unlock()

	if flags&MapAnonymous == 0 {
		return 0, abi.ENODEV
	}
	if length == 0 {
		return 0, abi.EINVAL
	}
	size, ok := pageUp(length)
	if !ok || size == 0 {
		return 0, abi.ENOMEM
	}
	if flags&MapFixedNoReplace != 0 {
		flags |= MapFixed
	}

	addr, errno := as.place(addr, size, flags&MapFixed != 0)
	if errno != 0 {
		return 0, errno
	}
	if flags&MapFixedNoReplace != 0 && as.intersects(addr, addr+size) {
		return 0, abi.EEXIST
	}
	switch flags & MapType {
	case MapShared:
		if flags&MapGrowsDown != 0 {
			return 0, abi.EINVAL
		}
	case MapPrivate:
	default:
		return 0, abi.EINVAL
	}

	as.unmapRange(addr, addr+size)
	prot &= protAccess
	as.insertVMA(VMA{Range{addr, addr + size}, prot, ""})
	if flags&MapPopulate != 0 && prot != ProtNone {
		for va := addr; va < addr+size; va += abi.PageSize {
			if _, ok := as.populate(va, prot); !ok {
				break
			}
		}
	}
	return addr, 0
}
