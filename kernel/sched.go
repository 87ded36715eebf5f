package kernel

import (
	"runtime"

	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/rseq"
)

// Schedule gives up the CPU (schedule()). Tasks are goroutines on one
// CPU, so yielding to the Go scheduler lets the next runnable task go.
// Another task may run before this one resumes, so rseq is told of a
// preemption; an abort it causes when nothing else ran is allowed by the
// rseq contract.
func (t *Task) Schedule(*entry.Thread) {
	rseq.NotePreempt(&t.Rseq)
	runtime.Gosched()
}
