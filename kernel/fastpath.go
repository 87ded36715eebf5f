package kernel

import (
	"unsafe"

	"github.com/ringside-kernel/ringside/arch/fastpath"
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

// FastSyscalls is what a machine's fast syscall path reads of a task. The
// path runs in the architecture's entry code: when the work word has no
// bit of Mask set it calls the handler in slot nr of Calls with Task as
// its argument, puts the result in the return register and, if the work
// word, the rseq word and the current task are still as before, returns
// to user mode without Run, entry or Dispatch. Otherwise it returns
// TrapSyscall (nothing done yet) or TrapSyscallExit (the handler ran, the
// exit path is left). Linux 3.x to 4.9 had this shape:
// entry_SYSCALL_64_fastpath called sys_call_table directly when
// _TIF_WORK_SYSCALL_ENTRY was clear and went to the C slow path when
// _TIF_ALLWORK_MASK was set after the call.
//
// Each non-nil slot is a Go func value with the signature
// func(unsafe.Pointer) (int64, uintptr): a handler and its errno, which
// the path turns into -errno. All pointers stay valid while the task
// lives.
type FastSyscalls struct {
	// Task is the *Task every handler takes.
	Task unsafe.Pointer
	// Calls points at NCalls handler slots, indexed by syscall number;
	// nil slots (and numbers out of range) take the slow path.
	Calls  unsafe.Pointer
	NCalls uint64
	// Work is the task's work word; Mask is entry.FastPathWork.
	Work *uint32
	Mask uint32
	// Rseq must read zero after the handler (entry.FastPathWords).
	Rseq *uint32
	// Current is the kernel's running task, which must still be Task
	// after the handler: a handler that blocked let another task run in
	// another address space, and Run must switch back.
	Current *unsafe.Pointer
}

// fastContext is a Context whose machine has a fast syscall path: it
// takes the path's view of the task as addresses (fastpath.Path).
type fastContext interface {
	SetFastSyscalls(p fastpath.Path)
}

// slowCalls are the handlers the fast path must not run, because they do
// more than produce a return value: they end the task, which only Run
// notices, or rewrite the whole register file, which a fast return does
// not expect (Linux's fast path sent its ptregs stubs, rt_sigreturn and
// execve among them, to the slow path too).
var slowCalls = [...]abi.Sys{abi.SysExit, abi.SysExitGroup,
	abi.SysRtSigreturn}

// fastTable is callTable without slowCalls.
func fastTable(a Arch) []sysFunc {
	calls := callTable(a)
	for nr, s := range a.Sysnos() {
		for _, slow := range slowCalls {
			if s == slow {
				calls[nr] = nil
			}
		}
	}
	return calls
}

// setFastPath gives t's context the fast syscall path, unless the
// genericentry design is built or Kernel.Trace, which logs in Dispatch,
// is on.
func (k *Kernel) setFastPath(t *Task) {
	c, ok := t.Ctx.(fastContext)
	if !ok || genericEntry || k.Trace {
		return
	}

	if t.fastCalls == nil {
		t.fastCalls = fastTable(t.Arch)
	}
	work, rseqWord := t.FastPathWords()

	c.SetFastSyscalls(FastSyscalls{
		Task:    unsafe.Pointer(t),
		Calls:   unsafe.Pointer(unsafe.SliceData(t.fastCalls)),
		NCalls:  uint64(len(t.fastCalls)),
		Work:    work,
		Mask:    uint32(entry.FastPathWork),
		Rseq:    rseqWord,
		Current: (*unsafe.Pointer)(unsafe.Pointer(&k.current)),
	}.path())
}

// path is f as the architectures' entry code reads it: addresses.
func (f FastSyscalls) path() fastpath.Path {
	return fastpath.Path{
		Task:    uintptr(f.Task),
		Calls:   uintptr(f.Calls),
		NCalls:  f.NCalls,
		Work:    uintptr(unsafe.Pointer(f.Work)),
		Mask:    f.Mask,
		Rseq:    uintptr(unsafe.Pointer(f.Rseq)),
		Current: uintptr(unsafe.Pointer(f.Current)),
	}
}
