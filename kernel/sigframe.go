package kernel

import "github.com/ringside-kernel/ringside/kernel/abi"

// Signal frames, the portable half: what a delivery saves, which stack
// it goes on, siginfo, rt_sigreturn's common steps. The layouts and the
// register conventions are per architecture: sigframe_x86_64.go
// (arch/x86/kernel/signal_64.c) and sigframe_aarch64.go
// (arch/arm64/kernel/signal.c).

// sigframeArch is an architecture's rt signal frame.
type sigframeArch interface {
	// setupRtFrame writes f's frame on the task's user stack and
	// points the registers at the handler (setup_rt_frame). A non-zero
	// errno means no frame: the caller forces SIGSEGV. f is passed by
	// value: a pointer through an interface call escapes, and each
	// delivery would allocate it.
	setupRtFrame(t *Task, f sigframe) abi.Errno
	// restoreRtFrame is rt_sigreturn: it restores the registers, FP
	// state, blocked mask and alternate stack from the frame at the
	// stack pointer and returns the restored return register, so that
	// Dispatch writing it back changes nothing. A bad frame forces
	// SIGSEGV and returns 0.
	restoreRtFrame(t *Task) int64
}

// sigframeArch returns the task's frame builder: arm64's for ARM64,
// x86-64's for AMD64 and for any other Arch (a test fake). It compares
// concrete types, not asserting the interface: that takes the runtime's
// itab lookup, whose cache is only filled at random, about one call in
// a thousand, so its cost would vary from run to run.
func (t *Task) sigframeArch() sigframeArch {
	if _, ok := t.Arch.(ARM64); ok {
		return ARM64{}
	}
	return AMD64{}
}

// sigframe is one delivery (struct ksignal plus what the frame saves).
type sigframe struct {
	sig  abi.Signal
	info sigInfo
	act  abi.Sigaction
	// mask is the blocked mask sigreturn puts back
	// (sigmask_to_save).
	mask uint64
	// alt is the alternate stack at delivery, saved in uc_stack.
	alt altStack
}

// siginfo is f's siginfo_t.
func (f *sigframe) siginfo() abi.Siginfo {
	return f.info.siginfo(f.sig)
}

// faultAddr is the address a fault signal carries (thread.cr2 on x86,
// thread.fault_address on arm64), 0 for other signals.
func (f *sigframe) faultAddr() uint64 {
	if abi.SiginfoIsFault(f.sig, int(f.info.code)) {
		return f.info.data
	}
	return 0
}

// ucStack is uc_stack: the alternate stack and its flags as sigaltstack
// stored them (unsafe_save_altstack), SS_DISABLE for none.
func (f *sigframe) ucStack() abi.StackT {
	flags := f.alt.flags
	if f.alt.size == 0 {
		flags |= abi.SS_DISABLE
	}
	return abi.StackT{SP: f.alt.sp, Flags: flags, Size: f.alt.size}
}

// stackTop is sigsp: the top of the alternate stack with SA_ONSTACK when
// sp is not already on it (and it exists), else sp. entering reports the
// switch.
func (f *sigframe) stackTop(sp uint64) (top uint64, entering bool) {
	if f.act.Flags&abi.SA_ONSTACK != 0 && altStackMode(f.alt, sp) == 0 {
		return f.alt.sp + f.alt.size, true
	}
	return sp, false
}

// onAltStack is __on_sig_stack: sp within the alternate stack, whatever
// SS_AUTODISARM says.
func onAltStack(st altStack, sp uint64) bool {
	return st.size != 0 && sp > st.sp && sp-st.sp <= st.size
}

// sysRtSigreturn is rt_sigreturn(2): any restart block is dropped (a
// restarted syscall after a handler returns -EINTR, do_no_restart_syscall)
// and the architecture restores the frame. The value returned is the
// restored return register, which Dispatch writes back unchanged.
func sysRtSigreturn(t *Task) (int64, abi.Errno) {
	t.signals.restart = restartBlock{}
	return t.sigframeArch().restoreRtFrame(t), 0
}

// restoreAltStack is restore_altstack: uc_stack becomes the alternate
// stack again, through sigaltstack's checks with the restored stack
// pointer and the architecture's MINSIGSTKSZ; any refusal (EPERM on the
// stack, ENOMEM) is ignored, as in Linux.
func (t *Task) restoreAltStack(st abi.StackT, sp, minSize uint64) {
	s := &t.signals
	s.mu.Lock()
	defer s.mu.Unlock()
	n := altStack{sp: st.SP, size: st.Size, flags: st.Flags}
	_ = setAltStack(s, n, sp, minSize)
}

// badFrame is signal_fault: a frame rt_sigreturn cannot use, or one that
// cannot be written, is logged and ends in SIGSEGV with code and addr.
// The registers stay as they were at the call.
func (t *Task) badFrame(what string, frame uint64, code int,
	addr uint64) {
	regs := t.Ctx.Regs()
	t.k.Logf("task %d (%s): bad frame in %s: frame %#x ip %#x sp %#x",
		t.TID, t.Name, what, frame, regs.InstructionPointer(),
		regs.StackPointer())
	t.ForceSignalFault(abi.SIGSEGV, code, addr)
}

// forceSigsegv is force_sigsegv, for a frame that could not be built:
// SIGSEGV, which kills when the failed signal was SIGSEGV itself.
func (t *Task) forceSigsegv(sig abi.Signal, sp uint64) {
	t.k.Logf("task %d (%s): cannot build the %v frame below sp %#x",
		t.TID, t.Name, sig, sp)
	if sig == abi.SIGSEGV {
		s := &t.signals
		s.mu.Lock()
		s.actions[abi.SIGSEGV].Handler = abi.SIG_DFL
		s.mu.Unlock()
	}
	t.ForceSignalFault(abi.SIGSEGV, abi.SI_KERNEL, 0)
}
