package kernel

import (
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// madviseValid are the advice values of madvise_behavior_valid for a
// kernel without KSM, memory-failure injection or guard regions: 0-4,
// MADV_FREE (8) to MADV_DOFORK (11), MADV_HUGEPAGE (14) to MADV_COLLAPSE
// (25).
func madviseValid(advice uint64) bool {
	switch {
	case advice <= abi.MADV_DONTNEED:
		return true
	case advice >= abi.MADV_FREE && advice <= 11:
		return true
	case advice >= 14 && advice <= 25:
		return true
	}
	return false
}

// Advice values that act on the pages; the rest are hints ringside
// takes and ignores.
const (
	madvRemove         = 9
	madvDontneedLocked = 24
)

// sysMadvise is madvise(2) (do_madvise). Order of checks: unknown advice
// → EINVAL; start not page aligned → EINVAL; length wrapping → EINVAL;
// empty range → 0. The advice is applied to the mapped parts of the
// range, and a hole in it is ENOMEM afterwards, as in Linux.
//
// MADV_DONTNEED drops the pages: they read as zero afterwards, as for
// Linux's private anonymous memory (every mapping is that here).
// MADV_REMOVE needs a shared file mapping: EINVAL. MADV_FREE keeps the
// data, which Linux allows until memory runs short.
func sysMadvise(t *Task) (int64, abi.Errno) {
	a := t.args()
	start, length, advice := a[0], a[1], a[2]

	if !madviseValid(advice) || start%abi.PageSize != 0 {
		return 0, abi.EINVAL
	}
	size, ok := pageAlign(length)
	end := start + size
	if !ok || end < start {
		return 0, abi.EINVAL
	}
	if end == start {
		return 0, 0
	}

	next := start
	for _, v := range t.MM.VMAs() {
		if v.End <= next || v.Start >= end {
			continue
		}
		if v.Start > next {
			return 0, abi.ENOMEM
		}
		lo, hi := max(v.Start, next), min(v.End, end)

		switch advice {
		case abi.MADV_DONTNEED, madvDontneedLocked:
			if e := dropPages(t.MM, lo, hi, v); e != 0 {
				return 0, e
			}
		case madvRemove:
			return 0, abi.EINVAL
		}
		next = hi
	}

	if next < end {
		return 0, abi.ENOMEM
	}
	return 0, 0
}

// dropPages frees the frames of [lo, hi) inside v by mapping the range
// afresh with v's protection and name (zap_page_range_single).
func dropPages(as *mm.AddressSpace, lo, hi uint64, v mm.VMA) abi.Errno {
	if e := as.Munmap(lo, hi-lo); e != 0 {
		return e
	}
	if err := as.Map(lo, hi-lo, v.Prot, v.Name); err != nil {
		return abi.ENOMEM
	}
	return 0
}
