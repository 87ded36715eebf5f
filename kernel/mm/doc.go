// Package mm is a task's user address space: its mappings (VMAs), the
// physical frames behind them, demand paging, brk and anonymous mmap, and
// the checked copies between kernel and user memory (Linux's mm_struct,
// vm_area_struct, copy_from_user/copy_to_user, do_brk_flags, do_mmap,
// handle_mm_fault). It is portable: physical memory, the frame allocator
// and the hardware page-table format come in through the interfaces below,
// so the same code runs on the host in tests and on bare metal. On bare
// metal small copies go through the MMU while the address space is the
// CPU's (SetLive, the mm side of switch_mm; raw_copy_from_user and the
// exception-table fixup are arch's CopyFromUser and uaccessFault).
package mm

// Phys gives the kernel access to physical memory. On bare metal the kernel
// identity-maps the frame pool, on the host a test backs it with a slice.
type Phys interface {
	// Frame returns the 4 KiB page at physical address pa (page aligned).
	Frame(pa uint64) []byte
}

// Frames allocates physical 4 KiB frames from the user frame pool.
type Frames interface {
	// Alloc returns a zeroed frame, or false when the pool is empty.
	Alloc() (pa uint64, ok bool)
	// Free returns a frame to the pool.
	Free(pa uint64)
}

// PageTable is an architecture's hardware translation table for one
// address space (x86-64 4-level tables, arm64 TTBR0 tables). Every method
// is about 4 KiB user pages; the table keeps the kernel's own mappings,
// supervisor-only, in every address space.
type PageTable interface {
	// Map installs va -> pa, user accessible, read always, write and
	// execute as given. Intermediate tables come from the frame pool.
	Map(va, pa uint64, write, exec bool) error
	// Unmap removes the mapping of va and returns the frame it had.
	Unmap(va uint64) (pa uint64, ok bool)
	// Root is the physical address the MMU is given (CR3, TTBR0_EL1).
	Root() uint64
	// Release frees every intermediate table; the address space is dead.
	Release()
}
