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
var sigtrampCode = [...]uint32{0xd2801168, 0xd4000001}

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
// for the handler. Of __reserved only the fpsimd_context and the end
// marker are written (abi.FrameWrittenARM64), as Linux does.
func (ARM64) setupRtFrame(t *Task, f sigframe) abi.Errno {
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

	var b [abi.FrameWrittenARM64]byte
	uc := abi.UcontextHeadARM64{
		Stack:   f.ucStack(),
		Sigmask: f.mask,
		Mcontext: abi.SigcontextRegsARM64{
			FaultAddress: f.faultAddr(),
			Regs:         regs.X, SP: regs.SP, PC: regs.PC,
			Pstate: regs.Pstate,
		},
	}
	uc.Encode((*[abi.UcontextHeadSizeARM64]byte)(b[abi.FrameUcARM64:]))
	putFpsimdContext(b[abi.FrameReservedARM64:], t.Ctx.FPState())
	start := abi.FrameUcARM64
	if f.act.Flags&abi.SA_SIGINFO != 0 {
		si := f.siginfo()
		si.Encode((*[abi.SiginfoSize]byte)(b[:]))
		start = 0
	}
	if e := t.copyOut(frame+uint64(start), b[start:]); e != 0 {
		return e
	}
	if f.act.Flags&abi.SA_SIGINFO != 0 {
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
// marker, at the start of __reserved. fp is user_fpsimd_state: vregs,
// fpsr, fpcr.
func putFpsimdContext(res, fp []byte) {
	le := binary.LittleEndian
	le.PutUint32(res[0:], abi.FPSIMD_MAGIC)
	le.PutUint32(res[4:], abi.FpsimdContextSize)
	copy(res[8:16], fp[512:520]) // fpsr, fpcr
	copy(res[abi.FpsimdVregsOff:abi.FpsimdContextSize], fp[:512])
	clear(res[abi.FpsimdContextSize:][:abi.AArch64CtxSize])
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
	var code [4 * len(sigtrampCode)]byte
	for i, w := range sigtrampCode {
		binary.LittleEndian.PutUint32(code[4*i:], w)
	}
	if err := t.MM.Poke(addr, code[:]); err != nil {
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
// (arm64_notify_segfault): SEGV_MAPERR if the ucontext cannot be read,
// else SEGV_ACCERR. The syscall is forgotten, so that x0 is never taken
// for a syscall return. As in Linux, only the ucontext and the records
// up to the end marker are read.
func (ARM64) restoreRtFrame(t *Task) int64 {
	regs := arm64Regs(t)
	frame := regs.SP
	if frame%16 != 0 {
		t.badFrame("rt_sigreturn", frame, abi.SEGV_ACCERR, frame)
		return 0
	}

	// One read covers what a frame ringside wrote holds: the
	// ucontext, the fpsimd_context and the end marker.
	var b [abi.FrameWrittenARM64 - abi.FrameUcARM64]byte
	if t.copyIn(frame+abi.FrameUcARM64, b[:]) != 0 {
		t.badFrame("rt_sigreturn", frame, abi.SEGV_MAPERR, frame)
		return 0
	}
	var uc abi.UcontextHeadARM64
	uc.Decode((*[abi.UcontextHeadSizeARM64]byte)(b[:]))
	t.setBlocked(uc.Sigmask)

	sc := &uc.Mcontext
	res := sigframeRecords{t: t, addr: frame + abi.FrameReservedARM64,
		head: b[abi.UcontextHeadSizeARM64:]}
	var fpsimd [abi.FpsimdContextSize]byte
	if !res.parse(&fpsimd) || !validPstate(sc.Pstate) {
		t.badFrame("rt_sigreturn", frame, abi.SEGV_ACCERR, frame)
		return 0
	}

	regs.X, regs.SP, regs.PC = sc.Regs, sc.SP, sc.PC
	regs.Pstate = sc.Pstate & pstateUser
	regs.Syscallno = arm64.NoSyscall

	fp := t.Ctx.FPState()
	copy(fp[:512], fpsimd[abi.FpsimdVregsOff:])
	copy(fp[512:520], fpsimd[8:16])

	t.restoreAltStack(uc.Stack, regs.SP, ARM64{}.minSigStackSize())
	return int64(regs.X[0])
}

// validPstate is valid_native_regs: EL0t in AArch64 with D, A, I and F
// clear.
func validPstate(p uint64) bool {
	return p&pstateMode == 0 && p&pstateDAIF == 0
}

// sigframeRecords is a frame's __reserved at addr in user memory; head
// holds its first bytes, already read.
type sigframeRecords struct {
	t    *Task
	addr uint64
	head []byte
}

// read fills dst with the bytes of __reserved from off: from head if it
// holds them, else from user memory.
func (r *sigframeRecords) read(off uint32, dst []byte) bool {
	if int(off)+len(dst) <= len(r.head) {
		copy(dst, r.head[off:])
		return true
	}
	return r.t.copyIn(r.addr+uint64(off), dst) == 0
}

// parse walks the records as parse_user_sigframe does, reading each
// header as it comes: 16-byte aligned records inside __reserved, an
// fpsimd_context at most once and of its exact size, esr_context
// ignored, anything else (SVE, ZA, extra_context: ringside writes none)
// invalid, a zero header of size 0 at the end. It copies the
// fpsimd_context to fpsimd.
func (r *sigframeRecords) parse(
	fpsimd *[abi.FpsimdContextSize]byte) bool {
	const limit = abi.SigcontextReservedARM64
	have := false
	for off := uint32(0); ; {
		var ctx [abi.AArch64CtxSize]byte
		if limit-off < abi.AArch64CtxSize || off%16 != 0 ||
			!r.read(off, ctx[:]) {
			return false
		}
		magic := binary.LittleEndian.Uint32(ctx[0:])
		size := binary.LittleEndian.Uint32(ctx[4:])
		if limit-off < size {
			return false
		}

		switch magic {
		case 0:
			return size == 0 && have
		case abi.FPSIMD_MAGIC:
			if have || size != abi.FpsimdContextSize ||
				!r.read(off, fpsimd[:]) {
				return false
			}
			have = true
		case abi.ESR_MAGIC:
		default:
			return false
		}

		if size < abi.AArch64CtxSize {
			return false
		}
		off += size
	}
}
