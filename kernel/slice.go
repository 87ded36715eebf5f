package kernel

import (
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/rseq"
)

// prctlRseqSlice is prctl(PR_RSEQ_SLICE_EXTENSION, op, arg3, arg4, arg5):
// arg4 and arg5 must be 0 (EINVAL, checked first as kernel/sys.c does),
// package rseq does the rest (rseq_slice_extension_prctl).
func prctlRseqSlice(t *Task, a [6]uint64) (int64, abi.Errno) {
	if a[3] != 0 || a[4] != 0 {
		return 0, abi.EINVAL
	}
	return rseq.SlicePrctl(&t.Rseq, t.MM, a[1], a[2])
}

// sysRseqSliceYield is rseq_slice_yield(2): it takes no arguments and
// returns 1 when it ended a granted slice extension, else 0. The CPU was
// already given up by the syscall-entry work that ended the grant
// (entry's WorkSyscallRseqSlice), so the call itself only reports.
func sysRseqSliceYield(t *Task) (int64, abi.Errno) {
	return rseq.SliceYield(&t.Rseq), 0
}
