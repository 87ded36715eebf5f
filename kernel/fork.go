package kernel

import (
	"sync"

	"github.com/ringside-kernel/ringside/arch/amd64"
	"github.com/ringside-kernel/ringside/arch/arm64"
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/rseq"
)

// Processes: fork makes a child task with a copy of the parent's memory
// and state, which runs in a goroutine of its own; wait4 collects its
// exit status. There are no threads: clone with CLONE_VM (threads,
// vfork) is not supported.

// family is a task's children not yet waited for (task->children) and
// the channel a waiting parent sleeps on.
type family struct {
	mu       sync.Mutex
	children []*Task
	// exited gets a token when a child ends (wait_chldexit).
	exited chan struct{}
}

// cloneFlagsSupported are the clone flags a fork may carry: the exit
// signal and the TID and TLS set-ups.
const cloneFlagsSupported = abi.CSIGNAL | abi.CLONE_SETTLS |
	abi.CLONE_PARENT_SETTID | abi.CLONE_CHILD_CLEARTID |
	abi.CLONE_CHILD_SETTID

// sysFork is fork(2) (amd64): clone with SIGCHLD.
func sysFork(t *Task) (int64, abi.Errno) {
	return t.clone(uint64(abi.SIGCHLD), 0, 0, 0, 0)
}

// sysClone is clone(2), fork only: flags with anything beyond
// cloneFlagsSupported (threads, vfork, shared tables) are ENOSYS, logged
// once per task, as ringside cannot share an address space; an exit
// signal other than SIGCHLD or none is EINVAL. The argument order
// differs: amd64 passes the child TID pointer before the TLS, arm64
// after it (CLONE_BACKWARDS... on x86-64, the generic order on arm64).
func sysClone(t *Task) (int64, abi.Errno) {
	a := t.args()
	flags, sp, ptid := a[0], a[1], a[2]
	ctid, tls := a[3], a[4]
	if t.Arch.Name() == "aarch64" {
		tls, ctid = a[3], a[4]
	}
	return t.clone(flags, sp, ptid, ctid, tls)
}

// clone makes the child (kernel_clone without CLONE_VM) and returns its
// PID to the parent; the child returns 0 from the same syscall.
func (t *Task) clone(flags, sp, ptid, ctid, tls uint64) (int64,
	abi.Errno) {
	if flags&^cloneFlagsSupported != 0 {
		t.k.Logf("task %d (%s): clone flags %#x need threads, which "+
			"ringside does not have", t.TID, t.Name, flags)
		return 0, abi.ENOSYS
	}
	if sig := flags & abi.CSIGNAL; sig != 0 && sig != uint64(abi.SIGCHLD) {
		return 0, abi.EINVAL
	}

	c, e := t.fork()
	if e != 0 {
		return 0, e
	}

	cr := c.Ctx.Regs()
	cr.SetReturn(0)
	if sp != 0 {
		setStackPointer(cr, sp)
	}
	if flags&abi.CLONE_SETTLS != 0 {
		c.Ctx.SetTLS(tls)
	}
	if flags&abi.CLONE_CHILD_CLEARTID != 0 {
		c.clearChildTID = ctid
	}
	if flags&abi.CLONE_CHILD_SETTID != 0 {
		_ = c.putU32(ctid, uint32(c.TID))
	}
	if flags&abi.CLONE_PARENT_SETTID != 0 {
		_ = t.putU32(ptid, uint32(c.TID))
	}

	t.family.mu.Lock()
	t.family.children = append(t.family.children, c)
	t.family.mu.Unlock()

	startChild(t.k, c)
	return int64(c.PID), 0
}

// startChild is Kernel.Go, through a variable set at init: a direct call
// would make sysTable's initialization depend on itself (Go runs Run,
// which dispatches through sysTable).
var startChild func(k *Kernel, t *Task)

func init() { startChild = (*Kernel).Go }

// fork copies t into a new task (copy_process): memory, registers,
// FP/SIMD state and TLS, descriptors (sharing the open files), signal
// dispositions, mask and alternate stack (no pending signals, no
// timers), limits and the rseq registration.
func (t *Task) fork() (*Task, abi.Errno) {
	k := t.k
	pt, err := k.Machine.NewPageTable()
	if err != nil {
		return nil, abi.ENOMEM
	}
	as, err := t.MM.Fork(pt)
	if err != nil {
		return nil, abi.ENOMEM
	}

	ctx := k.Machine.NewContext(0, 0)
	copyUserState(ctx, t.Ctx)

	k.tasksMu.Lock()
	k.nextPID++
	c := &Task{
		Arch: t.Arch, Ctx: ctx, MM: as, PT: pt,
		PID: k.nextPID, TID: k.nextPID, PPID: t.PID,
		Name: t.Name, ExecPath: t.ExecPath, k: k, parent: t,
		gsBase: t.gsBase, limits: t.limits,
	}
	k.tasks = append(k.tasks, c)
	k.tasksMu.Unlock()

	c.Thread.Regs = ctx.Regs()
	c.Thread.Mem = as
	c.Thread.Kernel = c
	c.Rseq = rseq.Inherit(&t.Rseq)

	c.files.fds = append([]fdEntry(nil), t.files.fds...)
	c.files.ready = t.files.ready

	s := &t.signals
	s.mu.Lock()
	c.signals.actions = s.actions
	c.signals.blocked = s.blocked
	c.signals.altstack = s.altstack
	c.signals.sigtramp = s.sigtramp
	s.mu.Unlock()

	return c, 0
}

// copyUserState makes dst's user state a copy of src's: the register
// file, the FP/SIMD state and the thread pointer.
func copyUserState(dst, src Context) {
	switch r := src.Regs().(type) {
	case *amd64.Regs:
		*dst.Regs().(*amd64.Regs) = *r
	case *arm64.Regs:
		*dst.Regs().(*arm64.Regs) = *r
	}
	copy(dst.FPState(), src.FPState())
	dst.SetTLS(src.TLS())
}

// setStackPointer sets the stack pointer of a register file.
func setStackPointer(regs any, sp uint64) {
	switch r := regs.(type) {
	case *amd64.Regs:
		r.SP = sp
	case *arm64.Regs:
		r.SP = sp
	}
}

// childExited tells t's parent that t ended (do_notify_parent): SIGCHLD
// with its status, and a wake-up of a parent waiting in wait4.
func (t *Task) childExited() {
	p := t.parent
	if p == nil {
		return
	}

	code, status := int32(abi.CLD_EXITED), t.status>>8&0xff
	if sig := t.status & 0x7f; sig != 0 {
		code, status = abi.CLD_KILLED, sig
	}
	p.sendSignal(abi.SIGCHLD, sigInfo{code: code, pid: int32(t.PID),
		data: uint64(status)})

	select {
	case p.family.exitedChan() <- struct{}{}:
	default:
	}
}

// exitedChan returns the channel a waiting parent sleeps on.
func (f *family) exitedChan() chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.exited == nil {
		f.exited = make(chan struct{}, 1)
	}
	return f.exited
}
