package kernel

import "github.com/ringside-kernel/ringside/entry"

// The pending-signal bit lives in the entry package's work word
// (TIF_SIGPENDING); the exit-to-user-mode loop calls DeliverSignal while
// it is set.

func (t *Task) setSigPendingWork() { t.SetWork(entry.WorkSigPending) }

func (t *Task) clearSigPendingWork() { t.ClearWork(entry.WorkSigPending) }
