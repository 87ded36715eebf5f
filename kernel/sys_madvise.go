package kernel

import (
	"github.com/ringside-kernel/ringside/kernel/abi"
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
// MADV_DONTNEED drops the pages and keeps the mappings: they read as
// zero afterwards, as for Linux's private anonymous memory (every
// mapping is that here).
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

	var mapped, hole bool
	switch advice {
	case abi.MADV_DONTNEED, madvDontneedLocked:
		mapped, hole = t.MM.DiscardMapped(start, end)
	default:
		mapped, hole = t.MM.Coverage(start, end)
		if mapped && advice == madvRemove {
			return 0, abi.EINVAL
		}
	}

	if hole {
		return 0, abi.ENOMEM
	}
	return 0, 0
}
