package entry

import "sync/atomic"

// Work is the set of pending work bits of a task: Linux's TIF_* flags in
// thread_info and SYSCALL_WORK_* bits in syscall_work, kept in one word so
// that the exit path tests all of them with a single load.
type Work uint32

// Exit work, handled by the exit-to-user-mode loop (EXIT_TO_USER_MODE_WORK).
const (
	// WorkNeedResched: TIF_NEED_RESCHED, the task should yield the CPU.
	WorkNeedResched Work = 1 << iota
	// WorkSigPending: TIF_SIGPENDING, a signal may need delivery.
	WorkSigPending
	// WorkNotifySignal: TIF_NOTIFY_SIGNAL, break out of the kernel to
	// run task work (io_uring's use in Linux).
	WorkNotifySignal
	// WorkNotifyResume: TIF_NOTIFY_RESUME, run ResumeUserModeWork.
	WorkNotifyResume

	// Syscall work (SYSCALL_WORK_*), handled at syscall entry and exit.

	// WorkSyscallTrace: SYSCALL_WORK_SYSCALL_TRACE, ptrace syscall stops.
	WorkSyscallTrace
	// WorkSyscallEmu: SYSCALL_WORK_SYSCALL_EMU, PTRACE_SYSEMU.
	WorkSyscallEmu
	// WorkSeccomp: SYSCALL_WORK_SECCOMP. The slot exists so the entry
	// order is final; ringside has no seccomp filter yet.
	WorkSeccomp
	// WorkSyscallUserDispatch: SYSCALL_WORK_SYSCALL_USER_DISPATCH; slot
	// only, like WorkSeccomp.
	WorkSyscallUserDispatch
	// WorkSingleStep: TIF_SINGLESTEP, report a trap after the syscall.
	WorkSingleStep
	// WorkSyscallRseqSlice: SYSCALL_WORK_SYSCALL_RSEQ_SLICE, end a
	// granted rseq time slice extension at syscall entry. The exit loop
	// sets it with a grant; the entry work clears it.
	WorkSyscallRseqSlice
)

// ExitWork is every bit the exit-to-user-mode loop handles.
const ExitWork = WorkNeedResched | WorkSigPending | WorkNotifySignal |
	WorkNotifyResume

// SyscallEnterWork is every bit that sends syscall entry to the slow path
// (SYSCALL_WORK_ENTER).
const SyscallEnterWork = WorkSyscallTrace | WorkSyscallEmu | WorkSeccomp |
	WorkSyscallUserDispatch | WorkSyscallRseqSlice

// SyscallExitWork is every bit that sends syscall exit to the slow path
// (SYSCALL_WORK_EXIT).
const SyscallExitWork = WorkSyscallTrace | WorkSyscallEmu | WorkSingleStep

// workWord is the atomic holder; other CPUs and interrupt handlers set bits
// while the task runs.
type workWord struct{ v atomic.Uint32 }

func (w *workWord) load() Work      { return Work(w.v.Load()) }
func (w *workWord) set(b Work) Work { return Work(w.v.Or(uint32(b))) }
func (w *workWord) clear(b Work)    { w.v.And(^uint32(b)) }

// ptraceWork is the work derived from the ptrace mode (SyncPtraceWork).
const ptraceWork = WorkSyscallTrace | WorkSyscallEmu | WorkSingleStep

// SetWork sets work bits; any CPU or interrupt handler may call it.
// Linux: set_tsk_thread_flag, set_task_syscall_work.
func (t *Thread) SetWork(w Work) { t.work.set(w) }

// ClearWork clears work bits. Linux: clear_tsk_thread_flag,
// clear_task_syscall_work.
func (t *Thread) ClearWork(w Work) { t.work.clear(w) }

// Work returns the pending work bits. Linux: read_task_thread_flags,
// test_task_syscall_work.
func (t *Thread) Work() Work { return t.work.load() }
