package kernel

import (
	"fmt"
	"io"
	"sync"
)

// Kernel is the machine-wide state: the CPU underneath, the console and the
// task list.
type Kernel struct {
	// Machine is the CPU the tasks run on.
	Machine Machine
	// Console receives the tasks' stdout and stderr and the kernel log.
	Console io.Writer
	// Trace logs every syscall when set (a debugging mode, off the hot
	// path otherwise).
	Trace bool
	// Clock is the time source of the clock and sleep syscalls; nil
	// means package time's (clock.go).
	Clock Clock
	// VDSO is the vDSO image every task gets mapped (vdso.go); nil
	// means none.
	VDSO []byte

	// sys is the syscall layer's machine-wide state (dispatch.go).
	sys sysState

	// tasksMu guards nextPID and tasks: tasks are goroutines, and Go
	// may switch between them at any call.
	tasksMu sync.Mutex
	nextPID int
	tasks   []*Task

	// current is the task last run in user mode and switches counts the
	// changes of it (see Schedule).
	current  *Task
	switches uint64
}

// Logf prints one kernel log line on the console.
func (k *Kernel) Logf(format string, args ...any) {
	fmt.Fprintf(k.Console, "ringside: "+format+"\n", args...)
}

// Tasks returns the live tasks at this moment.
func (k *Kernel) Tasks() []*Task {
	k.tasksMu.Lock()
	defer k.tasksMu.Unlock()
	return append([]*Task(nil), k.tasks...)
}
