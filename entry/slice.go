package entry

import (
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/rseq"
)

// sliceDenyWork is the exit work that rules out an rseq slice extension:
// a grant only ever replaces a reschedule (TIF_SLICE_EXT_DENY).
const sliceDenyWork = ExitWork &^ WorkNeedResched

// grantSliceExtension is the exit loop's alternative to Kernel.Schedule
// for a pending reschedule: true means the task was granted an rseq time
// slice extension and goes back to user mode instead; the syscall-entry
// work that ends the grant is then armed. A fault on slice_ctrl forces
// SIGSEGV and reschedules. Linux: rseq_grant_slice_extension, and the
// SYSCALL_WORK_SYSCALL_RSEQ_SLICE part of rseq_arm_slice_extension_timer;
// the kernel arms the slice timer after IrqentryExitToUserMode returns,
// and rseq cancels it when a grant ends early (see package rseq).
func (t *Thread) grantSliceExtension(work Work) bool {
	granted, err := rseq.GrantSliceExtension(&t.Rseq, t.Mem,
		work&sliceDenyWork != 0)
	if err != nil {
		t.Kernel.ForceSignal(t, abi.SIGSEGV, err)
		return false
	}

	if granted {
		t.work.set(WorkSyscallRseqSlice)
	}
	return granted
}

// syscallEnterSlice ends a granted slice extension before syscall nr
// runs: it gives up the CPU now (rseq cancels the grant's timer), and for
// rseq_slice_yield records the value the call returns. A grant already
// revoked (by the slice timer or the tick) needs nothing. Linux:
// rseq_syscall_enter_work.
func (t *Thread) syscallEnterSlice(nr int) {
	t.work.clear(WorkSyscallRseqSlice)

	ended, err := rseq.SyscallEnterSlice(&t.Rseq, t.Mem, nr)
	if err != nil {
		t.Kernel.ForceSignal(t, abi.SIGSEGV, err)
	}

	// Linux sets need-resched and schedules right here (preempt_enable
	// or cond_resched), before the syscall, not on the way out.
	if ended {
		t.work.clear(WorkNeedResched)
		t.Kernel.Schedule(t)
	}
}
