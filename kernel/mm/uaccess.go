package mm

import (
	"cmp"
	"slices"
)

// Direct user access: while an address space is the CPU's (its tables
// translate user addresses now, SetLive), a small copy goes through the
// MMU like a user load or store, as Linux's copy_from_user does, and the
// architecture turns a page fault in it into a failed copy
// (uaccess_*.go). Only when that fails (a page not present yet, a
// read-only page, PROT_NONE, a hole) does the copy take the software
// path (the VMA list, the page record and its cache), which faults pages
// in or answers EFAULT. Built with -tags softuaccess, every copy takes
// the software path (docs/designs.md).

// directMax is the largest copy the direct path takes. Its word loop
// beats memmove below that; above it the software path's memmove wins,
// and the copies there (signal frames, read and write buffers) pay for
// their page walk many times over anyway.
const directMax = 64

// live is the address space whose tables the CPU runs on, or nil (one
// CPU).
var live *AddressSpace

// SetLive records that as's page table is now the CPU's (switch_mm); nil
// says none is. The kernel calls it with every switch of page tables, so
// that a copy for a task whose tables are not loaded (one woken in the
// kernel while another task's run) never goes through the wrong ones.
func SetLive(as *AddressSpace) { live = as }

// direct reports whether a copy of n bytes at user addr may go through
// the MMU: as is live, the copy small, and it touches no kernel address
// (access_ok). Where the copy uses the user's permissions (arm64's LDTR
// and STTR) the MMU refuses kernel pages by itself and the range need
// only be below UserEnd; otherwise (amd64, where the kernel's own pages
// would not fault) it must lie inside one of as's direct windows.
func (as *AddressSpace) direct(addr uint64, n int) bool {
	end := addr + uint64(n)
	if !directUaccess || as != live || n > directMax || end <= addr {
		return false
	}
	if uaccessUnprivileged {
		return end <= as.layout.UserEnd
	}
	w := &as.windows
	return addr >= w[0].Start && end <= w[0].End ||
		addr >= w[1].Start && end <= w[1].End
}

// directWindows returns the two largest ranges of [0, UserEnd) that
// touch no reserved range, largest first (empty ranges when there are
// fewer). On amd64 they are the whole user address space; where there
// are more, a copy elsewhere takes the software path, whose userRange
// check is exact.
func directWindows(l Layout) [2]Range {
	res := slices.Clone(l.Reserved)
	slices.SortFunc(res, func(a, b Range) int {
		return cmp.Compare(a.Start, b.Start)
	})

	var gaps []Range
	at := uint64(0)
	for _, r := range res {
		if end := min(r.Start, l.UserEnd); end > at {
			gaps = append(gaps, Range{at, end})
		}
		at = max(at, r.End)
	}
	if at < l.UserEnd {
		gaps = append(gaps, Range{at, l.UserEnd})
	}

	slices.SortStableFunc(gaps, func(a, b Range) int {
		return cmp.Compare(b.End-b.Start, a.End-a.Start)
	})
	var w [2]Range
	copy(w[:], gaps)
	return w
}
