package entry

import (
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/rseq"
)

// SetNotifyResume asks for ResumeUserModeWork before the task next
// returns to user mode. Linux also kicks the task's CPU when the flag was
// clear and the task runs elsewhere; ringside runs tasks on one CPU, where
// the kick is a no-op: the task is either in the kernel, and its exit
// loop reads the flag, or not running. Linux: set_notify_resume.
func (t *Thread) SetNotifyResume() {
	t.work.set(WorkNotifyResume)
}

// TaskWorkAdd queues fn to run in the task's context before it returns to
// user mode and sets notify-resume. Any context may call it. Linux:
// task_work_add with TWA_RESUME.
func (t *Thread) TaskWorkAdd(fn func(*Thread)) {
	t.taskWorkMu.Lock()
	t.taskWork = append(t.taskWork, fn)
	t.taskWorkQueued.Store(true)
	t.taskWorkMu.Unlock()

	t.SetNotifyResume()
}

// RunTaskWork runs the queued task work in the order it was queued, until
// the queue stays empty (work may queue more). The task calls it on the
// way out: from ResumeUserModeWork, and from DeliverSignal for
// WorkNotifySignal. Linux: task_work_run.
//
// An empty queue costs one load, as Linux's task_work_pending: work
// queued right after it also sets notify-resume, so the exit loop comes
// back for it.
func (t *Thread) RunTaskWork() {
	for t.taskWorkQueued.Load() {
		t.taskWorkMu.Lock()
		q := t.taskWork
		t.taskWork = nil
		t.taskWorkQueued.Store(false)
		t.taskWorkMu.Unlock()

		if len(q) == 0 {
			return
		}
		for _, fn := range q {
			fn(t)
		}
	}
}

// ResumeUserModeWork is the notify-resume work: clear the flag, run the
// queued task work, then rseq's slow path. The flag is cleared first so
// that work raised while this runs sets it again and the exit loop comes
// back; the atomic clear is the full barrier Linux spells
// smp_mb__after_atomic (Go's atomics are sequentially consistent).
// Linux's older memcg and blkcg throttling hooks have no counterpart.
// Linux: resume_user_mode_work (formerly tracehook_notify_resume).
func (t *Thread) ResumeUserModeWork() {
	t.work.clear(WorkNotifyResume)

	t.RunTaskWork()

	err := rseq.HandleNotifyResume(&t.Rseq, t.Mem, t.rseqRegs(), t.rseqIDs())
	if err != nil {
		t.Kernel.ForceSignal(t, abi.SIGSEGV, err)
	}
}

// rseqIDs are the IDs rseq publishes for the task: its CPU, node 0 (one
// NUMA node) and mm_cid 0 (every address space has one thread).
func (t *Thread) rseqIDs() rseq.IDs {
	return rseq.IDs{CPU: t.CPU}
}

// RseqSignalDeliver aborts the task's rseq critical section before a
// signal frame is built, forcing SIGSEGV if the section is malformed.
// DeliverSignal calls it after the syscall restart fix-up. Linux:
// rseq_signal_deliver.
func (t *Thread) RseqSignalDeliver() {
	if err := rseq.SignalDeliver(&t.Rseq, t.Mem, t.rseqRegs()); err != nil {
		t.Kernel.ForceSignal(t, abi.SIGSEGV, err)
	}
}

// rseqRegs returns the registers as rseq's interface, converted once per
// task instead of on every slow path.
func (t *Thread) rseqRegs() rseq.Regs {
	if t.rseqRegsView == nil {
		t.rseqRegsView = t.Regs
	}
	return t.rseqRegsView
}
