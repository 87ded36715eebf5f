package kernel

import (
	"runtime"

	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/mm"
	"github.com/ringside-kernel/ringside/rseq"
)

// Schedule gives up the CPU (schedule()). Tasks are goroutines on one
// CPU, so yielding to the Go scheduler lets the next runnable task go.
// rseq hears of a preemption only if another task really ran meanwhile
// (rseq_preempt is called on a context switch, not on every schedule()
// call): the switch counter tells.
func (t *Task) Schedule(*entry.Thread) {
	switches := t.k.switches

	runtime.Gosched()

	if t.k.switches != switches {
		rseq.NotePreempt(&t.Rseq)
	}
}

// switchTo records that t is about to run in user mode; a change of task
// is a context switch (context_switch in Linux), which also switches the
// address space (switch_mm).
func (k *Kernel) switchTo(t *Task) {
	if k.current != t {
		k.contextSwitch(t)
	}
}

// contextSwitch is switchTo's work, out of line so that the check
// inlines into Run.
//
//go:noinline
func (k *Kernel) contextSwitch(t *Task) {
	k.Machine.Switch(t.PT)
	mm.SetLive(t.MM)
	k.current = t
	k.switches++
}

// Go runs t in its own goroutine; Wait returns its exit status. Tasks
// share the CPU through the timer tick, which makes the running task
// reschedule.
func (k *Kernel) Go(t *Task) {
	t.done = make(chan struct{})
	go func() {
		t.result = k.Run(t)
		close(t.done)
		t.childExited()
	}()
}

// Wait blocks until a task started with Go has ended and returns its exit
// status.
func (t *Task) Wait() int {
	<-t.done
	return t.result
}
