package kernel

import (
	"encoding/binary"

	"github.com/ringside-kernel/ringside/arch/arm64"
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// The arm64 rt signal frame (setup_rt_frame, get_sigframe,
// setup_sigframe, setup_return and sys_rt_sigreturn of
// arch/arm64/kernel/signal.c). From the stack pointer (or the top of the
// alternate stack; arm64 has no red zone): a frame record {x29, x30}
// 16-byte aligned, then struct rt_sigframe below it. __reserved holds
// the fpsimd_context and the end marker; no esr_context (ringside keeps
// no ESR of a fault), SVE, ZA or other records.
//
// The handler returns to sa_restorer with SA_RESTORER, else to the
// sigreturn trampoline Linux keeps in the vDSO (glibc on aarch64 never
// sets SA_RESTORER). ringside has no vDSO: the first delivery without a
// restorer maps one read-exec page holding the same two instructions,
// `mov x8, #139; svc #0`, which unwinders recognise as a signal frame.

// PSTATE bits (Arm ARM C5.2.18).
const (
	pstateNZCV = 0xf0000000
	pstateTCO  = 1 << 25
	pstateDIT  = 1 << 24
	pstateSSBS = 1 << 12
	pstateDAIF = 0xf << 6
	pstateMode = 0x1f // M[4:0]; M[4] set is AArch32
	pstateUser = pstateNZCV | pstateTCO | pstateDIT | pstateSSBS
)

// sigtrampCode is __kernel_rt_sigreturn: mov x8, #139 (rt_sigreturn);
// svc #0.
var sigtrampCode = []uint32{0xd2801168, 0xd4000001}

// arm64Regs returns the task's arm64 register file.
func arm64Regs(t *Task) *arm64.Regs {
	r, ok := t.Ctx.Regs().(*arm64.Regs)
	if !ok {
		panic("kernel: arm64 task without arm64 registers")
	}
	return r
}

// setupRtFrame implements sigframeArch. x1 and x2 point at the siginfo
// and ucontext with SA_SIGINFO only, and the siginfo is written only
// then, as in Linux; x29 points at the frame record, x30 at the
// restorer; PSTATE.TCO is cleared. The FP/SIMD registers are not reset
// for the handler.
func (ARM64) setupRtFrame(t *Task, f *sigframe) abi.Errno {
	regs := arm64Regs(t)
	restorer := f.act.Restorer
	if f.act.Flags&abi.SA_RESTORER == 0 {
		var e abi.Errno
		if restorer, e = t.sigtramp(); e != 0 {
			return e
		}
	}

	top, _ := f.stackTop(regs.SP)
	record := (top - abi.FrameRecordSize) &^ 15
	frame := record - abi.RtSigframeSizeARM64

	var rec [abi.FrameRecordSize]byte
	binary.LittleEndian.PutUint64(rec[0:], regs.X[29])
	binary.LittleEndian.PutUint64(rec[8:], regs.X[30])
	if e := t.copyOut(record, rec[:]); e != 0 {
		return e
	}

	rf := abi.RtSigframeARM64{Uc: abi.UcontextARM64{
		Stack:   f.ucStack(),
		Sigmask: f.mask,
		Mcontext: abi.SigcontextARM64{
			FaultAddress: f.faultAddr(),
			Regs:         regs.X, SP: regs.SP, PC: regs.PC,
			Pstate: regs.Pstate,
		},
	}}
	putFpsimdContext(rf.Uc.Mcontext.Reserved[:], t.Ctx.FPState())
	b := rf.Encode()
	if e := t.copyOut(frame+abi.FrameUcARM64,
		b[abi.FrameUcARM64:]); e != 0 {
		return e
	}
	if f.act.Flags&abi.SA_SIGINFO != 0 {
		if e := t.copyOut(frame, f.siginfo()); e != 0 {
			return e
		}
		regs.X[1] = frame
		regs.X[2] = frame + abi.FrameUcARM64
	}

	regs.X[0] = uint64(f.sig)
	regs.SP = frame
	regs.X[29] = record
	regs.PC = f.act.Handler
	regs.Pstate &^= pstateTCO
	regs.X[30] = restorer
	return 0
}

// putFpsimdContext writes the fpsimd_context record, then the end
// marker (zeros, already there), into __reserved. fp is
// user_fpsimd_state: vregs, fpsr, fpcr.
func putFpsimdContext(res, fp []byte) {
	le := binary.LittleEndian
	le.PutUint32(res[0:], abi.FPSIMD_MAGIC)
	le.PutUint32(res[4:], abi.FpsimdContextSize)
	copy(res[8:16], fp[512:520]) // fpsr, fpcr
	copy(res[abi.FpsimdVregsOff:abi.FpsimdContextSize], fp[:512])
}

// sigtramp returns the address of the task's sigreturn trampoline,
// mapping it on first use.
func (t *Task) sigtramp() (uint64, abi.Errno) {
	s := &t.signals
	if s.sigtramp != 0 {
		return s.sigtramp, 0
	}

	addr, e := t.MM.Mmap(0, abi.PageSize, mm.ProtRead|mm.ProtExec,
		mm.MapPrivate|mm.MapAnonymous)
	if e != 0 {
		return 0, e
	}
	code := make([]byte, 4*len(sigtrampCode))
	for i, w := range sigtrampCode {
		binary.LittleEndian.PutUint32(code[4*i:], w)
	}
	if err := t.MM.Poke(addr, code); err != nil {
		return 0, abi.EFAULT
	}
	s.sigtramp = addr
	return addr, 0
}

// restoreRtFrame implements sigframeArch: the frame is at sp, which must
// be 16-byte aligned. The blocked mask is restored first, as in Linux.
// Then, before any register changes: PSTATE must be EL0t, AArch64, with
// DAIF clear (valid_user_regs; only NZCV, TCO, DIT and SSBS are kept),
// and __reserved must parse as Linux parses it, with exactly one
// fpsimd_context of the right size. A bad frame is SIGSEGV at sp
// (arm64_notify_segfault). The syscall is forgotten, so that x0 is
// never taken for a syscall return.
func (ARM64) restoreRtFrame(t *Task) int64 {
	regs := arm64Regs(t)
	frame := regs.SP
	bad := func() int64 {
		t.badFrame("rt_sigreturn", frame, abi.SEGV_ACCERR, frame)
		return 0
	}
	if frame%16 != 0 {
		return bad()
	}
	b := make([]byte, abi.RtSigframeSizeARM64)
	if t.copyIn(frame, b) != 0 {
		t.badFrame("rt_sigreturn", frame, abi.SEGV_MAPERR, frame)
		return 0
	}
	rf := abi.DecodeRtSigframeARM64(b)
	t.setBlocked(rf.Uc.Sigmask)

	sc := &rf.Uc.Mcontext
	fpsimd, ok := parseSigframeRecords(sc.Reserved[:])
	if !ok || !validPstate(sc.Pstate) {
		return bad()
	}

	regs.X, regs.SP, regs.PC = sc.Regs, sc.SP, sc.PC
	regs.Pstate = sc.Pstate & pstateUser
	regs.Syscallno = arm64.NoSyscall

	fp := t.Ctx.FPState()
	copy(fp[:512], fpsimd[abi.FpsimdVregsOff:abi.FpsimdContextSize])
	copy(fp[512:520], fpsimd[8:16])

	t.restoreAltStack(rf.Uc.Stack, regs.SP)
	return int64(regs.X[0])
}

// validPstate is valid_native_regs: EL0t in AArch64 with D, A, I and F
// clear.
func validPstate(p uint64) bool {
	return p&pstateMode == 0 && p&pstateDAIF == 0
}

// parseSigframeRecords walks __reserved as parse_user_sigframe does:
// 16-byte aligned records inside the area, an fpsimd_context at most
// once and of its exact size, esr_context ignored, anything else (SVE,
// ZA, extra_context: ringside writes none) invalid, a zero header of
// size 0 at the end. It returns the fpsimd_context.
func parseSigframeRecords(res []byte) ([]byte, bool) {
	var fpsimd []byte
	limit := uint32(len(res))
	for off := uint32(0); ; {
		if limit-off < abi.AArch64CtxSize || off%16 != 0 {
			return nil, false
		}
		magic := binary.LittleEndian.Uint32(res[off:])
		size := binary.LittleEndian.Uint32(res[off+4:])
		if limit-off < size {
			return nil, false
		}

		switch magic {
		case 0:
			if size != 0 || fpsimd == nil {
				return nil, false
			}
			return fpsimd, true
		case abi.FPSIMD_MAGIC:
			if fpsimd != nil || size != abi.FpsimdContextSize {
				return nil, false
			}
			fpsimd = res[off : off+size]
		case abi.ESR_MAGIC:
		default:
			return nil, false
		}

		if size < abi.AArch64CtxSize {
			return nil, false
		}
		off += size
	}
}
