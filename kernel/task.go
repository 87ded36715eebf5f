package kernel

import (
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// Task is one user task (a Linux thread group of one thread, for now):
// its entry state, address space, identity, files and signal state.
type Task struct {
	entry.Thread

	// Arch is the architecture the task's binary was built for.
	Arch Arch
	// calls is the dispatcher's table: the handler of each of Arch's
	// syscall numbers (callTable).
	calls []sysFunc
	// fastCalls is calls without the handlers the machine's fast
	// syscall path must not run (fastTable).
	fastCalls []sysFunc
	// Ctx is the task's user CPU state (registers, FP, TLS), owned by
	// the Machine.
	Ctx Context
	// MM is the task's address space and PT its hardware page table.
	MM *mm.AddressSpace
	PT mm.PageTable

	// PID equals TID while tasks are single-threaded.
	PID, TID, PPID int
	// Name is the task's comm: the base name of its executable.
	Name string
	// ExecPath is the path the task's binary was started from, what
	// readlink("/proc/self/exe") returns (mm->exe_file).
	ExecPath string

	// files is the descriptor table (console only for now).
	files fdTable
	// signals holds dispositions, the blocked mask and pending signals.
	signals signalState

	// clearChildTID is set_tid_address's pointer (clear_child_tid).
	clearChildTID uint64
	// robustList and robustLen are set_robust_list's arguments.
	robustList, robustLen uint64
	// gsBase is arch_prctl(ARCH_SET_GS)'s value (amd64).
	gsBase uint64
	// limits are the resource limits (signal->rlim).
	limits rlimits

	// exited is set once the task called exit or was killed; status is
	// its wait status in Linux's encoding (code<<8, or the signal).
	exited bool
	status int

	// done and result serve Kernel.Go and Task.Wait.
	done   chan struct{}
	result int

	// parent is the task that forked this one, nil for those the
	// kernel started; family its own children (fork.go).
	parent *Task
	family family

	k *Kernel
}

// Exited reports whether the task has ended, and its wait status.
func (t *Task) Exited() (bool, int) { return t.exited, t.status }

// ExitStatus is the status a parent would see: the exit code, or 128+sig
// for a task killed by a signal (the shell's convention).
func (t *Task) ExitStatus() int {
	if sig := t.status & 0x7f; sig != 0 {
		return 128 + sig
	}
	return (t.status >> 8) & 0xff
}

// exit ends the task with a wait status (do_exit).
func (t *Task) exit(status int) {
	t.exited = true
	t.status = status
}
