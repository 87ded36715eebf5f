package entry

import (
	"sync"
	"sync/atomic"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/ptrace"
	"github.com/ringside-kernel/ringside/rseq"
)

// Regs is what the generic entry code needs of an architecture's saved user
// registers: Linux's asm/syscall.h accessors plus instruction_pointer.
// *amd64.Regs and *arm64.Regs implement it.
type Regs interface {
	SyscallNr() int
	SetSyscallNr(nr int)
	SyscallArgs() [6]uint64
	SetSyscallArgs(a [6]uint64)
	Return() int64
	SetReturn(v int64)
	InstructionPointer() uint64
	SetInstructionPointer(ip uint64)
	StackPointer() uint64
	RestartSyscall()
}

// Kernel is what the entry code calls back into: the parts of the kernel
// that are not entry's business. kernel.Task implements it.
type Kernel interface {
	// Dispatch runs syscall nr and returns the value for the return
	// register (-errno on error). The handler reads its arguments from
	// t.Regs, as Linux's syscall wrappers take them from pt_regs, so a
	// syscall without arguments copies none. Linux: the sys_call_table
	// call in do_syscall_64 / invoke_syscall.
	Dispatch(t *Thread, nr int) int64
	// Schedule gives up the CPU (schedule()). The entry code has
	// already cleared WorkNeedResched. When it switches the task out
	// the scheduler calls rseq.NotePreempt(&t.Rseq), and
	// rseq.NoteMigrate when it also moves it to another CPU (and
	// updates t.CPU).
	Schedule(t *Thread)
	// DeliverSignal handles WorkSigPending and WorkNotifySignal: it
	// clears WorkNotifySignal and runs t.RunTaskWork, then dequeues and
	// delivers pending signals (clearing WorkSigPending when none is
	// left), each with the syscall restart fix-up first, then
	// t.RseqSignalDeliver, then the frame. Linux:
	// arch_do_signal_or_restart.
	DeliverSignal(t *Thread)
	// ForceSignal sends sig to the task so that it can be neither
	// blocked nor ignored, and sets WorkSigPending. The entry code uses
	// it for SIGSEGV from rseq and SIGTRAP after a single-stepped
	// syscall; why, when not nil, says what the task did wrong, for the
	// kernel's one-line report. Linux: force_sig.
	ForceSignal(t *Thread, sig abi.Signal, why error)
}

// Memory is checked access to the task's user memory (copy_from_user,
// copy_to_user). Errors are abi.EFAULT.
//
// It is the same type as rseq.Memory, so that handing it to rseq is no
// interface conversion (a runtime itab lookup on every slow path).
type Memory = rseq.Memory

// Thread is the per-task state the entry code owns: Linux's thread_info
// flags and syscall_work, plus the ptrace and rseq state of task_struct.
// kernel.Task embeds one per user task.
type Thread struct {
	work workWord

	// Regs is the saved user register file, valid while the task is in
	// the kernel.
	Regs Regs
	// Mem is the task's address space.
	Mem Memory
	// Kernel receives dispatch, scheduling and signal delivery.
	Kernel Kernel
	// CPU is the CPU the task last ran on (task_cpu()).
	CPU uint32

	// Ptrace is the tracing state (task->ptrace and its stop report).
	Ptrace ptrace.State
	// Rseq is the registered restartable-sequence area and its cache.
	Rseq rseq.State

	// rseqRegsView is Regs as rseq.Regs (see rseqRegs).
	rseqRegsView rseq.Regs

	// taskWork is the queue run by ResumeUserModeWork (task_work),
	// guarded by taskWorkMu: other contexts queue while the task runs.
	taskWorkMu sync.Mutex
	taskWork   []func(*Thread)
	// taskWorkQueued says that taskWork is not empty, for a check
	// without the lock (task_work_pending).
	taskWorkQueued atomic.Bool
}
