package mm

import (
	"sync"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// Prot is a mapping's protection, Linux's PROT_* bits.
type Prot uint32

const (
	ProtNone  Prot = 0
	ProtRead  Prot = 1
	ProtWrite Prot = 2
	ProtExec  Prot = 4
)

// protAccess is every bit that grants some access (vma_is_accessible).
const protAccess = ProtRead | ProtWrite | ProtExec

// Range is [Start, End).
type Range struct{ Start, End uint64 }

func (r Range) overlaps(start, end uint64) bool {
	return start < r.End && r.Start < end
}

// Layout fixes where things go in a user address space.
type Layout struct {
	// UserEnd is one past the highest user address (TASK_SIZE); page
	// aligned.
	UserEnd uint64
	// MmapBase is where top-down mmap placement starts (mmap_base); zero
	// means UserEnd.
	MmapBase uint64
	// Reserved ranges are the kernel's; no user mapping may touch them.
	Reserved []Range
}

// AddressSpace is one task's user memory (Linux's mm_struct): a sorted
// list of VMAs, the frames present behind them (the software record every
// copy uses) and the hardware table that mirrors that record. It is safe
// for concurrent use by the threads that share it (mmap_lock).
type AddressSpace struct {
	mu     sync.Mutex
	pt     PageTable
	frames Frames
	phys   Phys
	layout Layout

	// vmas are sorted by Start and never overlap.
	vmas []VMA
	// pages maps a virtual page number to the frame behind it.
	pages pageRecord
	// last caches the pages the latest copies touched (see copyCache).
	last copyCache
	// windows are where copies may go through the MMU (uaccess.go).
	windows [2]Range

	// brkBase and brk are mm->start_brk and mm->brk.
	brkBase, brk uint64

	released bool
}

// NewAddressSpace returns an empty address space over pt, taking frames
// from frames and reaching them through phys.
func NewAddressSpace(pt PageTable, frames Frames, phys Phys,
	l Layout) *AddressSpace {
	return &AddressSpace{
		pt:      pt,
		frames:  frames,
		phys:    phys,
		layout:  l,
		windows: directWindows(l),
	}
}

// Layout returns the layout the address space was made with.
func (as *AddressSpace) Layout() Layout { return as.layout }

// PageTable returns the hardware table the task runs on.
func (as *AddressSpace) PageTable() PageTable { return as.pt }

// ResidentPages is the number of pages with a frame behind them (RSS).
func (as *AddressSpace) ResidentPages() int {
	as.mu.Lock()
	defer as.mu.Unlock()
	return as.pages.len()
}

// Release frees every frame and table of the address space (exit_mmap).
// The address space must not be used afterwards; a second call does
// nothing.
func (as *AddressSpace) Release() {
	as.mu.Lock()
	defer as.mu.Unlock()
	if as.released {
		return
	}
	as.released = true
	if live == as {
		live = nil
	}

	// The leaf entries die with the tables, so no Unmap per page.
	as.pages.each(0, recordVPNs, func(_, pa uint64) error {
		as.frames.Free(pa)
		return nil
	})
	as.pages.clear()
	as.vmas = nil
	as.last.reset()
	as.pt.Release()
}

// mmapBase is where top-down placement starts.
func (as *AddressSpace) mmapBase() uint64 {
	b := as.layout.MmapBase
	if b == 0 || b > as.layout.UserEnd {
		return as.layout.UserEnd
	}
	return b
}

// reserved reports whether [start, end) touches a kernel range.
func (as *AddressSpace) reserved(start, end uint64) bool {
	for _, r := range as.layout.Reserved {
		if r.overlaps(start, end) {
			return true
		}
	}
	return false
}

// userRange reports whether [addr, addr+n) is a user range: no wrap,
// below UserEnd, outside every reserved range (access_ok).
func (as *AddressSpace) userRange(addr, n uint64) bool {
	end := addr + n
	if end < addr || end > as.layout.UserEnd {
		return false
	}
	return n == 0 || !as.reserved(addr, end)
}

const (
	pageShift = 12
	pageMask  = abi.PageSize - 1
)

func pageDown(a uint64) uint64 { return a &^ pageMask }

// pageUp rounds a up to a page; ok is false when that wraps.
func pageUp(a uint64) (r uint64, ok bool) {
	r = (a + pageMask) &^ pageMask
	return r, r >= a
}
