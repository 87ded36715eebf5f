package kernel

import (
	"encoding/binary"

	"github.com/ringside-kernel/ringside/arch/amd64"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

// The x86-64 rt signal frame (x64_setup_rt_frame, get_sigframe and
// sys_rt_sigreturn of arch/x86/kernel/signal.c and signal_64.c). From
// the stack pointer: skip the 128-byte red zone (or switch to the
// alternate stack), put the FXSAVE image 64-byte aligned, then struct
// rt_sigframe below it at round_down(fp - frame, 16) - 8, so that the
// handler starts as if called: (sp + 8) 16-byte aligned. As fp is
// 64-byte aligned, that is always frameFPOffAMD64 below fp, and the
// frame and the FP area go out as one block.
//
// The FP area is the 512-byte FXSAVE image with sw_reserved zeroed and
// uc_flags without UC_FP_XSTATE: ringside keeps no XSAVE state, so it
// does not claim one, as Linux on a CPU without XSAVE. trapno, err and
// cr2 are Linux's thread.trap_nr, error_code and cr2: ringside records
// no trap, so cr2 carries the fault address of a fault signal, trapno
// is 14 for a page-fault si_code, and err is 0.

// fixEflags are the flags sigreturn takes from the frame (FIX_EFLAGS):
// AC OF DF TF SF ZF AF PF CF and RF.
const fixEflags = 0x40dd5 | amd64.FlagRF

// ucFlagsAMD64 is frame_uc_flags for a 64-bit task without XSAVE.
const ucFlagsAMD64 = abi.UC_SIGCONTEXT_SS | abi.UC_STRICT_RESTORE_SS

// frameFPOffAMD64 is fp - frame: the frame rounded up to 16 bytes, and
// the 8 that align the handler's sp + 8.
const frameFPOffAMD64 = (abi.RtSigframeSizeAMD64+15)&^15 + 8

// x86 page-fault trap number, for sigcontext.trapno.
const trapPF = 14

// defaultMXCSRMask is the MXCSR_MASK of a CPU that reports none in its
// FXSAVE image (SDM Vol. 1, 11.6.6).
const defaultMXCSRMask = 0xffbf

// amd64Regs returns the task's x86-64 register file.
func amd64Regs(t *Task) *amd64.Regs {
	r, ok := t.Ctx.Regs().(*amd64.Regs)
	if !ok {
		panic("kernel: x86-64 task without amd64 registers")
	}
	return r
}

// setupRtFrame implements sigframeArch. SA_RESTORER is required, as in
// Linux: without it there is no frame and the task gets SIGSEGV. The
// siginfo is filled in with SA_SIGINFO only, as Linux does (zeros
// otherwise); the handler starts with a fresh FP state
// (fpu__clear_user_states) and DF, TF and RF clear.
func (AMD64) setupRtFrame(t *Task, f sigframe) abi.Errno {
	regs := amd64Regs(t)
	if f.act.Flags&abi.SA_RESTORER == 0 {
		return abi.EFAULT
	}

	nested := altStackMode(f.alt, regs.SP) == abi.SS_ONSTACK
	sp, entering := f.stackTop(regs.SP - abi.RedZoneAMD64)
	fp := (sp - abi.FXSaveSize) &^ (abi.FXFrameAlignment - 1)
	frame := fp - frameFPOffAMD64

	// Overflowing the alternate stack gets SIGSEGV, not a frame
	// below it.
	if (nested || entering) && !onAltStack(f.alt, frame) {
		return abi.EFAULT
	}

	live := t.Ctx.FPState()
	var rf abi.RtSigframeAMD64
	rf.Pretcode = f.act.Restorer
	rf.Uc.Flags = ucFlagsAMD64
	rf.Uc.Stack = f.ucStack()
	setupSigcontextAMD64(&rf.Uc.Mcontext, regs, &f, fp)
	rf.Uc.Sigmask = f.mask
	if f.act.Flags&abi.SA_SIGINFO != 0 {
		si := f.siginfo()
		si.Encode(&rf.Info)
	}

	var b [frameFPOffAMD64 + abi.FXSaveSize]byte
	rf.Encode((*[abi.RtSigframeSizeAMD64]byte)(b[:]))
	fx := b[frameFPOffAMD64:]
	copy(fx, live)
	clear(fx[abi.FXSwReservedOff:])
	if e := t.copyOut(frame, b[:]); e != 0 {
		return e
	}

	regs.DI = uint64(f.sig)
	regs.AX = 0
	regs.SI = frame + abi.FrameInfoAMD64
	regs.DX = frame + abi.FrameUcAMD64
	regs.IP = f.act.Handler
	regs.SP = frame
	regs.CS, regs.SS = amd64.UserCS, amd64.UserDS
	regs.Flags &^= amd64.FlagDF | amd64.FlagRF | amd64.FlagTF
	initFXState(live)
	return 0
}

// setupSigcontextAMD64 saves the interrupted state in sc
// (__unsafe_setup_sigcontext), field by field: a composite literal
// stored through sc is built in a temporary and copied.
func setupSigcontextAMD64(sc *abi.SigcontextAMD64, r *amd64.Regs,
	f *sigframe, fp uint64) {
	sc.R8, sc.R9, sc.R10, sc.R11 = r.R8, r.R9, r.R10, r.R11
	sc.R12, sc.R13, sc.R14, sc.R15 = r.R12, r.R13, r.R14, r.R15
	sc.DI, sc.SI, sc.BP, sc.BX = r.DI, r.SI, r.BP, r.BX
	sc.DX, sc.AX, sc.CX = r.DX, r.AX, r.CX
	sc.SP, sc.IP, sc.Flags = r.SP, r.IP, r.Flags
	sc.CS, sc.GS, sc.FS, sc.SS = uint16(r.CS), 0, 0, uint16(r.SS)
	sc.Err, sc.Trapno = 0, 0
	sc.Oldmask, sc.CR2, sc.Fpstate = f.mask, f.faultAddr(), fp
	sc.Reserved1 = [8]uint64{}
	if f.sig == abi.SIGSEGV && sc.CR2 != 0 {
		switch f.info.code {
		case abi.SEGV_MAPERR, abi.SEGV_ACCERR, abi.SEGV_PKUERR:
			sc.Trapno = trapPF
		}
	}
}

// initFXState resets an FXSAVE image to the state of FNINIT with the
// default MXCSR (fpstate_init_fxstate), keeping the CPU's MXCSR_MASK.
func initFXState(fx []byte) {
	mask := binary.LittleEndian.Uint32(fx[abi.FXMXCSRMaskOff:])
	clear(fx)
	binary.LittleEndian.PutUint16(fx[0:], 0x037f)
	binary.LittleEndian.PutUint32(fx[abi.FXMXCSROff:], 0x1f80)
	binary.LittleEndian.PutUint32(fx[abi.FXMXCSRMaskOff:], mask)
}

// restoreRtFrame implements sigframeArch: the frame is at sp - 8 (the
// handler's ret popped pretcode); as in Linux only its ucontext is read.
// The blocked mask is restored first, as in Linux, then registers and FP
// state. What Linux checks, ringside
// checks before changing a register: CS and SS are forced to the user
// selectors (ringside runs no 32-bit code), flags outside FIX_EFLAGS
// keep their value, a non-canonical IP (which would fault the kernel's
// IRET) and an FP area that is unreadable, not 16-byte aligned
// (FXRSTOR's rule) or has reserved MXCSR bits set are a bad frame. A
// NULL fpstate resets the FP state. orig_ax becomes -1, so that the
// restored ax is never taken for a syscall return.
func (AMD64) restoreRtFrame(t *Task) int64 {
	regs := amd64Regs(t)
	frame := regs.SP - 8
	var b [abi.UcontextSizeAMD64]byte
	if t.copyIn(frame+abi.FrameUcAMD64, b[:]) != 0 {
		t.badFrame("rt_sigreturn", frame, abi.SI_KERNEL, 0)
		return 0
	}
	var uc abi.UcontextAMD64
	uc.Decode(&b)
	t.setBlocked(uc.Sigmask)

	sc := &uc.Mcontext
	live := t.Ctx.FPState()
	var fx [abi.FXSaveSize]byte
	saved, ok := readFXState(t, sc.Fpstate, live, &fx)
	if !ok || !canonical(sc.IP) {
		t.badFrame("rt_sigreturn", frame, abi.SI_KERNEL, 0)
		return 0
	}

	regs.R8, regs.R9, regs.R10, regs.R11 = sc.R8, sc.R9, sc.R10, sc.R11
	regs.R12, regs.R13, regs.R14, regs.R15 = sc.R12, sc.R13, sc.R14,
		sc.R15
	regs.DI, regs.SI, regs.BP, regs.BX = sc.DI, sc.SI, sc.BP, sc.BX
	regs.DX, regs.AX, regs.CX = sc.DX, sc.AX, sc.CX
	regs.SP, regs.IP = sc.SP, sc.IP
	regs.CS, regs.SS = amd64.UserCS, amd64.UserDS
	regs.Flags = regs.Flags&^fixEflags | sc.Flags&fixEflags
	regs.OrigAX = ^uint64(0)

	if !saved {
		initFXState(live)
	} else {
		// FXRSTOR ignores mxcsr_mask; keep the CPU's for the checks.
		copy(fx[abi.FXMXCSRMaskOff:], live[abi.FXMXCSRMaskOff:][:4])
		copy(live, fx[:])
	}

	t.restoreAltStack(uc.Stack, regs.SP, AMD64{}.minSigStackSize())
	return int64(regs.AX)
}

// readFXState reads the FP area at addr into fx and checks it against
// the live state's MXCSR_MASK. saved is false for addr 0, which means no
// FP area.
func readFXState(t *Task, addr uint64, live []byte,
	fx *[abi.FXSaveSize]byte) (saved, ok bool) {
	if addr == 0 {
		return false, true
	}
	if addr%16 != 0 {
		return false, false
	}
	if t.copyIn(addr, fx[:]) != 0 {
		return false, false
	}

	mask := binary.LittleEndian.Uint32(live[abi.FXMXCSRMaskOff:])
	if mask == 0 {
		mask = defaultMXCSRMask
	}
	mxcsr := binary.LittleEndian.Uint32(fx[abi.FXMXCSROff:])
	if mxcsr&^mask != 0 {
		return false, false
	}
	return true, true
}

// canonical reports whether a 48-bit virtual address is canonical: bits
// 63-47 all equal (SDM Vol. 1, 3.3.7.1).
func canonical(a uint64) bool {
	top := a >> 47
	return top == 0 || top == 1<<17-1
}
