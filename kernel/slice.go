package kernel

import (
	"time"

	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/rseq"
)

// SliceGrant is how long an rseq time slice extension lasts before the
// slice timer revokes it. Linux's default is its minimum, 5 µs
// (rseq_slice_ext_nsecs, which debugfs rseq/slice_ext_nsec sets between
// 5 µs and 50 µs, the worst scheduling latency a grant may add).
// ringside has no knob: the default is the value.
const SliceGrant = 5 * time.Microsecond

// irqentryExit is the return to user mode after an interrupt or
// exception, the only one that grants an extension. A grant issued on the
// way out gets its slice timer last, as close to user mode as the kernel
// gets; rseq cancels it if the grant ends first. Linux arms at the same
// point (rseq_arm_slice_extension_timer), for what is left until an
// expiry it computed at the grant; the instructions in between are not
// worth a clock read here.
func (k *Kernel) irqentryExit(t *Task) {
	running := t.Rseq.SliceGranted()
	t.IrqentryExitToUserMode()
	if !running && t.Rseq.SliceGranted() {
		k.Machine.ArmSliceTimer(SliceGrant)
		rseq.SliceTimerArmed(&t.Rseq, t)
	}
}

// CancelSliceTimer implements rseq.SliceTimer: the grant ended first.
func (t *Task) CancelSliceTimer() { t.k.Machine.CancelSliceTimer() }

// sliceTimerExpired is TrapSliceTimer's work: a grant still running is
// over, and the exit path revokes it and reschedules as for a tick. An
// expiry that finds no grant (the task ended it, or another task runs)
// asks for nothing. Linux: rseq_slice_expired.
func (k *Kernel) sliceTimerExpired(t *Task) {
	if t.Rseq.SliceGranted() {
		t.SetWork(entry.WorkNeedResched)
	}
}

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
// returns 1 when it ended a granted slice extension, else 0 (none ran, or
// the slice timer, a reschedule or another syscall ended it). The CPU was
// already given up by the syscall-entry work that ended the grant
// (entry's WorkSyscallRseqSlice), so the call itself only reports.
func sysRseqSliceYield(t *Task) (int64, abi.Errno) {
	return rseq.SliceYield(&t.Rseq), 0
}
