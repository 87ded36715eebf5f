package kernel

import (
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

// Run runs t until it ends and returns its exit status (the exit code, or
// 128 + signal). Every trap goes through package entry: syscalls through
// the syscall path, faults and interrupts through the interrupt exit path
// (irqentryExit, which arms the slice timer of a new rseq grant), so the
// exit-to-user-mode loop runs on every return, as in Linux. The
// exception is a syscall without work, which the machine's fast path
// may run without returning here (FastSyscalls).
//
// A Go panic while the kernel works for t (a bug that user input reached)
// ends t alone, as an oops kills the task in Linux: one log line, status
// 128 + SIGKILL, and the other tasks go on.
func (k *Kernel) Run(t *Task) (status int) {
	defer k.oops(t, &status)

	regs := t.Ctx.Regs()
	t.CPU = k.Machine.CPU()
	k.setFastPath(t)

	for !t.exited {
		k.switchTo(t)
		tr := k.Machine.Run(t.Ctx)

		switch tr.Kind {
		case TrapSyscall:
			t.Syscall(regs.SyscallNr())
		case TrapSyscallExit:
			t.SyscallExitToUserMode()
		case TrapFault:
			t.fault(tr)
			k.irqentryExit(t)
		case TrapTick:
			k.tick(t)
			k.irqentryExit(t)
		case TrapSliceTimer:
			k.sliceTimerExpired(t)
			k.irqentryExit(t)
		case TrapInterrupt:
			k.irqentryExit(t)
		}
	}

	k.reap(t)
	return t.ExitStatus()
}

// oops is Run's recovery from a panic on t's behalf.
func (k *Kernel) oops(t *Task, status *int) {
	r := recover()
	if r == nil {
		return
	}

	k.Logf("task %d (%s): kernel bug at ip %#x: %v; task killed", t.TID,
		t.Name, t.Ctx.Regs().InstructionPointer(), r)
	if !t.exited {
		t.exit(int(abi.SIGKILL))
		k.reap(t)
	}
	*status = t.ExitStatus()
}

// fault handles an exception taken in user mode: a page fault inside a
// mapping is demand paging (handle_mm_fault) and the task just resumes;
// anything else becomes a signal, reported in one console line.
func (t *Task) fault(tr Trap) {
	if addr, write, exec, ok := t.Arch.PageFault(tr); ok {
		done, code := t.MM.HandleFault(addr, write, exec)
		if !done {
			t.ReportMemFault(tr, code)
		}
		return
	}
	t.ReportFault(tr)
}

// reap releases what a dead task held (release_task, exit_mm), the
// slice timer of a grant it died with included.
func (k *Kernel) reap(t *Task) {
	if t.Rseq.SliceGranted() {
		k.Machine.CancelSliceTimer()
	}
	t.MM.Release()

	k.tasksMu.Lock()
	defer k.tasksMu.Unlock()
	for i, o := range k.tasks {
		if o == t {
			k.tasks = append(k.tasks[:i], k.tasks[i+1:]...)
			break
		}
	}
}

// tick is the periodic timer's work for the task it interrupted
// (scheduler_tick): every tick ends the time slice, so the exit path
// reschedules and other tasks, and the Go timers behind sleeps and
// itimers, get the CPU.
func (k *Kernel) tick(t *Task) {
	t.SetWork(entry.WorkNeedResched)
}
