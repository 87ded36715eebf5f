package kernel

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/arch/amd64"
	"github.com/ringside-kernel/ringside/arch/arm64"
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

// handle installs the test handler for sig through rt_sigaction.
func (e *sysEnv) handle(tb testing.TB, sig abi.Signal, flags, mask uint64) {
	tb.Helper()
	e.poke(tb, actAddr, abi.Sigaction{Handler: handler, Flags: flags,
		Restorer: restorer, Mask: mask}.Encode())
	require.Zero(tb, e.call(abi.SysRtSigaction, uint64(sig), actAddr, 0, 8))
}

// syscall runs s through the entry code as the CPU enters it: the
// number and arguments in their registers, the IP just after the
// syscall instruction at textAddr. The exit loop delivers signals.
func (e *sysEnv) syscall(s abi.Sys, args ...uint64) {
	var a [6]uint64
	copy(a[:], args)
	regs := e.t.Ctx.Regs()
	regs.SetSyscallArgs(a)
	regs.SetSyscallNr(e.nr(s))
	if r, ok := regs.(*amd64.Regs); ok {
		r.AX = uint64(e.nr(s))
		r.IP = textAddr + amd64.SyscallInsnLen
	} else {
		regs.(*arm64.Regs).X[8] = uint64(e.nr(s))
		regs.SetInstructionPointer(textAddr + arm64.SyscallInsnLen)
	}
	e.t.Syscall(e.nr(s))
}

// sigreturn runs rt_sigreturn as the restorer would: on amd64 the
// handler's ret has popped pretcode first.
func (e *sysEnv) sigreturn() {
	if r, ok := e.t.Ctx.Regs().(*amd64.Regs); ok {
		r.SP += 8
	}
	e.syscall(abi.SysRtSigreturn)
}

// fpMarker fills the FP state with a recognisable pattern (a valid
// MXCSR on amd64).
func (e *sysEnv) fpMarker() []byte {
	fp := e.t.Ctx.FPState()
	for i := range fp {
		fp[i] = byte(i*7 + 1)
	}
	if e.t.Arch.Name() == "x86_64" {
		binary.LittleEndian.PutUint32(fp[24:], 0x1f80|0x6000)
		binary.LittleEndian.PutUint32(fp[28:], 0xffff)
	}
	return append([]byte(nil), fp...)
}

// amd64Marked sets every register of an amd64 task to a distinct value.
func amd64Marked(r *amd64.Regs) {
	r.R15, r.R14, r.R13, r.R12 = 0xf15, 0xf14, 0xf13, 0xf12
	r.BP, r.BX, r.R11, r.R10 = 0xb0, 0xb1, 0x11, 0x10
	r.R9, r.R8, r.AX, r.CX = 0x9, 0x8, 0xa0, 0xc0
	r.DX, r.SI, r.DI = 0xd0, 0x51, 0xd1
	r.IP = textAddr + 0x40
	r.Flags = amd64.FlagIF | 0x2 | amd64.FlagCF | amd64.FlagDF
}

func TestDeliverSignalBuildsFrameAMD64(t *testing.T) {
	e := newEnv(t)
	e.t.signals.blocked = abi.SigMask(abi.SIGHUP)
	e.handle(t, abi.SIGUSR1, abi.SA_SIGINFO|abi.SA_RESTORER,
		abi.SigMask(abi.SIGUSR2))
	require.Zero(t, e.call(abi.SysKill, 1, uint64(abi.SIGUSR1)))
	r := e.t.Ctx.Regs().(*amd64.Regs)
	amd64Marked(r)
	sp := r.SP
	fx := e.fpMarker()
	before := *r

	e.t.DeliverSignal(&e.t.Thread)

	frame := r.SP
	assert.Zero(t, (frame+8)%16, "sp+8 16-byte aligned, as after a call")
	assert.Less(t, frame, sp-abi.RedZoneAMD64-abi.FXSaveSize,
		"below the red zone and the FP area")
	assert.Equal(t, uint64(10), r.DI)
	assert.Equal(t, frame+312, r.SI, "&info")
	assert.Equal(t, frame+8, r.DX, "&uc")
	assert.Zero(t, r.AX)
	assert.Equal(t, handler, r.IP)
	assert.Zero(t, r.Flags&(amd64.FlagDF|amd64.FlagTF|amd64.FlagRF))
	assert.Equal(t, uint64(amd64.UserCS), r.CS)

	f := abi.DecodeRtSigframeAMD64(e.peek(t, frame, 440))
	assert.Equal(t, restorer, f.Pretcode)
	assert.Equal(t, uint64(6), f.Uc.Flags,
		"UC_SIGCONTEXT_SS|UC_STRICT_RESTORE_SS, no UC_FP_XSTATE")
	assert.Equal(t, abi.StackT{Flags: abi.SS_DISABLE}, f.Uc.Stack)
	sc := f.Uc.Mcontext
	assert.Equal(t, before.IP, sc.IP)
	assert.Equal(t, sp, sc.SP)
	assert.Equal(t, before.Flags, sc.Flags)
	assert.Equal(t, [4]uint64{0xa0, 0xc0, 0xd0, 0xf15},
		[4]uint64{sc.AX, sc.CX, sc.DX, sc.R15})
	assert.Equal(t, uint16(amd64.UserCS), sc.CS)
	assert.Equal(t, uint16(amd64.UserDS), sc.SS)
	assert.Equal(t, abi.SigMask(abi.SIGHUP), sc.Oldmask)
	assert.Equal(t, abi.SigMask(abi.SIGHUP), f.Uc.Sigmask)

	assert.Zero(t, sc.Fpstate%64, "FP area 64-byte aligned")
	assert.GreaterOrEqual(t, sc.Fpstate, frame+440)
	saved := e.peek(t, sc.Fpstate, 512)
	assert.Equal(t, fx[:464], saved[:464])
	assert.Equal(t, make([]byte, 48), saved[464:],
		"no fpx_sw_bytes without XSAVE")

	le := binary.LittleEndian
	assert.Equal(t, uint32(10), le.Uint32(f.Info[0:]), "si_signo")
	assert.Equal(t, uint32(abi.SI_USER), le.Uint32(f.Info[8:]), "si_code")
	assert.Equal(t, uint32(1), le.Uint32(f.Info[16:]), "si_pid")

	live := e.t.Ctx.FPState()
	assert.Equal(t, uint16(0x37f), le.Uint16(live[0:]), "FCW reset")
	assert.Equal(t, uint32(0x1f80), le.Uint32(live[24:]), "MXCSR reset")
	assert.Zero(t, live[160], "xmm0 cleared")

	assert.Equal(t, abi.SigMask(abi.SIGHUP)|abi.SigMask(abi.SIGUSR1)|
		abi.SigMask(abi.SIGUSR2), e.t.signals.blocked)
	assert.Empty(t, e.out.String())
}

func TestRtSigreturnRoundTripAMD64(t *testing.T) {
	e := newEnv(t)
	e.handle(t, abi.SIGUSR1, abi.SA_RESTORER, 0)
	r := e.t.Ctx.Regs().(*amd64.Regs)
	amd64Marked(r)
	fx := e.fpMarker()
	before := *r

	e.t.sendSignal(abi.SIGUSR1, sigInfo{code: abi.SI_TKILL, pid: 1})
	e.t.DeliverSignal(&e.t.Thread)
	// The handler clobbers what it likes.
	r.R12, r.BX, r.AX, r.Flags = 1, 2, 3, amd64.FlagIF|0x2|amd64.FlagTF
	e.fpMarker()
	e.t.Ctx.FPState()[200] = 0xee
	e.sigreturn()

	assert.Equal(t, before, *r, "every register back, orig_ax -1")
	assert.Equal(t, fx[:464], e.t.Ctx.FPState()[:464])
	assert.Zero(t, e.t.signals.blocked)
	assert.Empty(t, e.out.String())
}

func TestRtSigreturnRestoresFlagsItMay(t *testing.T) {
	e := newEnv(t)
	r := e.t.Ctx.Regs().(*amd64.Regs)
	e.handle(t, abi.SIGUSR1, abi.SA_RESTORER, 0)
	e.t.sendSignal(abi.SIGUSR1, sigInfo{})
	e.t.DeliverSignal(&e.t.Thread)
	sc := r.SP + 8 + 40
	// Handler writes IOPL 3, a cleared IF, kernel segments and AC.
	e.putU64(t, sc+136, 0x3000|amd64.FlagAC)
	e.poke(t, sc+144, []byte{0x08, 0, 0, 0, 0, 0, 0x10, 0})

	e.sigreturn()

	assert.Equal(t, uint64(amd64.FlagIF|0x2|amd64.FlagAC), r.Flags)
	assert.Equal(t, uint64(amd64.UserCS), r.CS)
	assert.Equal(t, uint64(amd64.UserDS), r.SS)
}

func TestRtSigreturnRoundTripARM64(t *testing.T) {
	e := newEnvArch(t, ARM64{})
	e.handle(t, abi.SIGUSR2, abi.SA_SIGINFO|abi.SA_RESTORER, 0)
	r := e.t.Ctx.Regs().(*arm64.Regs)
	for i := range r.X {
		r.X[i] = 0x1000 + uint64(i)
	}
	r.PC, r.Pstate = textAddr+0x40, 0x60000000
	sp := r.SP
	fp := e.fpMarker()
	before := *r

	e.t.sendSignal(abi.SIGUSR2, sigInfo{code: abi.SI_TKILL, pid: 1})
	e.t.DeliverSignal(&e.t.Thread)

	frame := r.SP
	assert.Zero(t, frame%16)
	assert.Equal(t, sp-16, frame+abi.RtSigframeSizeARM64,
		"frame record right above the frame")
	assert.Equal(t, [6]uint64{12, frame, frame + 128, handler,
		restorer, sp - 16},
		[6]uint64{r.X[0], r.X[1], r.X[2], r.PC, r.X[30], r.X[29]})
	assert.Equal(t, []uint64{0x101d, 0x101e},
		[]uint64{e.u64(t, sp-16), e.u64(t, sp-8)}, "frame record")
	f := abi.DecodeRtSigframeARM64(e.peek(t, frame, 4688))
	sc, res := f.Uc.Mcontext, f.Uc.Reserved
	assert.Equal(t, before.X, sc.Regs)
	assert.Equal(t, [3]uint64{sp, textAddr + 0x40, 0x60000000},
		[3]uint64{sc.SP, sc.PC, sc.Pstate})
	le := binary.LittleEndian
	assert.Equal(t, uint32(abi.FPSIMD_MAGIC), le.Uint32(res[0:]))
	assert.Equal(t, uint32(528), le.Uint32(res[4:]))
	assert.Equal(t, fp[512:520], res[8:16], "fpsr, fpcr")
	assert.Equal(t, fp[:512], res[16:528], "vregs")
	assert.Equal(t, make([]byte, 8), res[528:536], "end marker")
	assert.Equal(t, uint32(12), le.Uint32(f.Info[0:]))
	assert.Equal(t, uint64(0), f.Uc.Flags)

	for i := range r.X {
		r.X[i] = 0xbad
	}
	e.fpMarker()
	e.t.Ctx.FPState()[3] = 0xee
	e.sigreturn()

	assert.Equal(t, before.X, r.X)
	assert.Equal(t, [3]uint64{sp, textAddr + 0x40, 0x60000000},
		[3]uint64{r.SP, r.PC, r.Pstate})
	assert.Equal(t, int32(arm64.NoSyscall), r.Syscallno)
	assert.Equal(t, fp[:520], e.t.Ctx.FPState()[:520])
	assert.Zero(t, e.t.signals.blocked)
}

func TestARM64RecordsBeyondWhatDeliveryWroteAreRead(t *testing.T) {
	e := newEnvArch(t, ARM64{})
	e.handle(t, abi.SIGUSR1, abi.SA_RESTORER, 0)
	e.t.sendSignal(abi.SIGUSR1, sigInfo{})
	e.t.DeliverSignal(&e.t.Thread)
	frame := e.t.Ctx.Regs().StackPointer()
	res := frame + abi.FrameReservedARM64

	// An esr_context first moves the fpsimd_context and the end
	// marker past the part of the frame a delivery writes.
	fp := e.fpMarker()
	records := make([]byte, 16+abi.FpsimdContextSize+8)
	binary.LittleEndian.PutUint32(records[0:], abi.ESR_MAGIC)
	binary.LittleEndian.PutUint32(records[4:], 16)
	putFpsimdContext(records[16:], fp)
	e.poke(t, res, records)
	for i := range e.t.Ctx.FPState() {
		e.t.Ctx.FPState()[i] = 0
	}

	e.sigreturn()

	exited, _ := e.t.Exited()
	assert.False(t, exited)
	assert.Equal(t, fp[:520], e.t.Ctx.FPState()[:520])
	assert.Empty(t, e.out.String())
}

func TestARM64WithoutRestorerReturnsThroughTrampoline(t *testing.T) {
	e := newEnvArch(t, ARM64{})
	e.handle(t, abi.SIGUSR1, 0, 0)
	r := e.t.Ctx.Regs().(*arm64.Regs)
	r.X[1] = 0x77

	e.t.sendSignal(abi.SIGUSR1, sigInfo{})
	e.t.DeliverSignal(&e.t.Thread)

	tramp := r.X[30]
	require.NotZero(t, tramp)
	assert.Equal(t, []byte{0x68, 0x11, 0x80, 0xd2, 0x01, 0x00, 0x00, 0xd4},
		e.peek(t, tramp, 8), "mov x8, #139; svc #0")
	assert.Equal(t, uint64(0x77), r.X[1],
		"no siginfo pointer without SA_SIGINFO")

	e.t.sendSignal(abi.SIGUSR2, sigInfo{})
	e.handle(t, abi.SIGUSR2, 0, 0)
	e.t.DeliverSignal(&e.t.Thread)
	assert.Equal(t, tramp, r.X[30], "one trampoline per task")
}

func TestAMD64WithoutRestorerIsSIGSEGV(t *testing.T) {
	e := newEnv(t)
	e.handle(t, abi.SIGUSR1, abi.SA_SIGINFO, 0)
	ip := e.t.Ctx.Regs().InstructionPointer()

	e.t.sendSignal(abi.SIGUSR1, sigInfo{})
	e.t.DeliverSignal(&e.t.Thread)
	e.t.DeliverSignal(&e.t.Thread)

	_, status := e.t.Exited()
	assert.Equal(t, int(abi.SIGSEGV)|coreDumped, status)
	assert.Equal(t, ip, e.t.Ctx.Regs().InstructionPointer(), "no frame")
	assert.Contains(t, e.out.String(), "cannot build the SIGUSR1 frame")
}

func TestSigsegvFrameFailureKillsEvenWithHandler(t *testing.T) {
	e := newEnv(t)
	e.handle(t, abi.SIGSEGV, abi.SA_RESTORER, 0)
	e.t.Ctx.Regs().(*amd64.Regs).SP = holeAddr + 0x800

	e.t.ForceSignalFault(abi.SIGSEGV, abi.SEGV_MAPERR, 8)
	e.t.DeliverSignal(&e.t.Thread)
	e.t.DeliverSignal(&e.t.Thread)

	_, status := e.t.Exited()
	assert.Equal(t, int(abi.SIGSEGV)|coreDumped, status,
		"force_sigsegv resets the SIGSEGV handler")
}

func TestHandlerMask(t *testing.T) {
	usr1, usr2, term := abi.SigMask(abi.SIGUSR1), abi.SigMask(abi.SIGUSR2),
		abi.SigMask(abi.SIGTERM)
	tests := []struct {
		name  string
		flags uint64
		mask  uint64
		want  uint64
	}{
		{"the signal itself is blocked", 0, 0, usr1},
		{"sa_mask is added", 0, usr2 | term, usr1 | usr2 | term},
		{"SA_NODEFER leaves it unblocked", abi.SA_NODEFER, usr2, usr2},
		{"SIGKILL never blocked", abi.SA_NODEFER,
			abi.SigMask(abi.SIGKILL), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.handle(t, abi.SIGUSR1, abi.SA_RESTORER|tt.flags, tt.mask)

			e.t.sendSignal(abi.SIGUSR1, sigInfo{})
			e.t.DeliverSignal(&e.t.Thread)
			assert.Equal(t, tt.want, e.t.signals.blocked, "in handler")

			e.sigreturn()
			assert.Zero(t, e.t.signals.blocked, "after sigreturn")
		})
	}
}

func TestSignalArrivingInHandlerNestsOnlyWithNodefer(t *testing.T) {
	e := newEnv(t)
	e.handle(t, abi.SIGUSR1, abi.SA_RESTORER, 0)
	e.t.sendSignal(abi.SIGUSR1, sigInfo{})
	e.t.DeliverSignal(&e.t.Thread)
	first := e.t.Ctx.Regs().StackPointer()

	e.t.sendSignal(abi.SIGUSR1, sigInfo{})
	e.t.DeliverSignal(&e.t.Thread)
	assert.Equal(t, first, e.t.Ctx.Regs().StackPointer(), "blocked")

	e.sigreturn()
	assert.Equal(t, handler, e.t.Ctx.Regs().InstructionPointer(),
		"unblocked by sigreturn: delivered on the same exit")
	assert.Equal(t, first, e.t.Ctx.Regs().StackPointer())
	assert.Zero(t, e.t.Work()&entry.WorkSigPending)
}

func TestSAResetHand(t *testing.T) {
	e := newEnv(t)
	e.handle(t, abi.SIGUSR1, abi.SA_RESTORER|abi.SA_RESETHAND, 0)

	e.t.sendSignal(abi.SIGUSR1, sigInfo{})
	e.t.DeliverSignal(&e.t.Thread)
	exited, _ := e.t.Exited()
	require.False(t, exited)
	assert.Equal(t, handler, e.t.Ctx.Regs().InstructionPointer())
	assert.Equal(t, uint64(abi.SIG_DFL),
		e.t.signals.actions[abi.SIGUSR1].Handler, "reset on delivery")
	e.sigreturn()

	e.t.sendSignal(abi.SIGUSR1, sigInfo{})
	e.t.DeliverSignal(&e.t.Thread)
	_, status := e.t.Exited()
	assert.Equal(t, int(abi.SIGUSR1), status)
}

// Alternate stack used below: [dataAddr+0x4000, dataAddr+0x8000).
const altSP, altSize = dataAddr + 0x4000, 0x4000

func TestSigaltstackDelivery(t *testing.T) {
	tests := []struct {
		name   string
		flags  uint64
		ssFlag uint32
		// sp is the interrupted stack pointer, 0 for the env's.
		sp      uint64
		onAlt   bool
		wantUC  uint32
		disarms bool
	}{
		{"without SA_ONSTACK the normal stack", 0, 0, 0, false, 0,
			false},
		{"SA_ONSTACK switches", abi.SA_ONSTACK, 0, 0, true, 0, false},
		{"already on it: below sp", abi.SA_ONSTACK, 0,
			altSP + 0x2000, true, 0, false},
		{"SS_AUTODISARM disarms for the handler", abi.SA_ONSTACK,
			abi.SS_AUTODISARM, 0, true, abi.SS_AUTODISARM, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			r := e.t.Ctx.Regs().(*amd64.Regs)
			e.poke(t, setAddr, stackT(altSP, tt.ssFlag, altSize))
			require.Zero(t, e.call(abi.SysSigaltstack, setAddr, 0))
			if tt.sp != 0 {
				r.SP = tt.sp
			}
			sp := r.SP
			e.handle(t, abi.SIGUSR1, abi.SA_RESTORER|tt.flags, 0)

			e.t.sendSignal(abi.SIGUSR1, sigInfo{})
			e.t.DeliverSignal(&e.t.Thread)

			frame := r.SP
			inAlt := frame > altSP && frame < altSP+altSize
			assert.Equal(t, tt.onAlt, inAlt, "frame %#x", frame)
			assert.Less(t, frame, sp)
			uc := abi.DecodeRtSigframeAMD64(e.peek(t, frame, 440)).Uc
			assert.Equal(t, abi.StackT{SP: altSP, Flags: tt.wantUC,
				Size: altSize}, uc.Stack)
			assert.Equal(t, tt.disarms, e.t.signals.altstack.size == 0)

			e.sigreturn()
			assert.Equal(t, altStack{sp: altSP, size: altSize,
				flags: tt.ssFlag}, e.t.signals.altstack,
				"restored by sigreturn")
		})
	}
}

func TestSigaltstackOverflowIsSIGSEGV(t *testing.T) {
	e := newEnv(t)
	e.poke(t, setAddr, stackT(altSP, 0, altSize))
	require.Zero(t, e.call(abi.SysSigaltstack, setAddr, 0))
	e.t.Ctx.Regs().(*amd64.Regs).SP = altSP + 0x200
	e.handle(t, abi.SIGUSR1, abi.SA_RESTORER|abi.SA_ONSTACK, 0)

	e.t.sendSignal(abi.SIGUSR1, sigInfo{})
	e.t.DeliverSignal(&e.t.Thread)
	e.t.DeliverSignal(&e.t.Thread)

	_, status := e.t.Exited()
	assert.Equal(t, int(abi.SIGSEGV)|coreDumped, status)
}

// spoiler damages a signal frame whose ucontext starts at sp+off (the
// frame after the handler's ret on amd64, the frame itself on arm64).
type spoiler func(t *testing.T, e *sysEnv, sp uint64)

// spoilAt writes the size-byte value v at sp+off.
func spoilAt(off, v uint64, size int) spoiler {
	return func(t *testing.T, e *sysEnv, sp uint64) {
		b := binary.LittleEndian.AppendUint64(nil, v)
		e.poke(t, sp+off, b[:size])
	}
}

func TestRtSigreturnBadFrame(t *testing.T) {
	const (
		scX86     = 40        // sigcontext in the x86 ucontext
		pstate    = 304 + 272 // sigcontext.pstate in the arm64 frame
		reserved  = 592       // sigcontext.__reserved in the arm64 frame
		fpsimdEnd = reserved + 528
	)
	fpstate := func(t *testing.T, e *sysEnv, sp uint64) uint64 {
		return e.u64(t, sp+scX86+184)
	}
	tests := []struct {
		name  string
		arch  Arch
		spoil spoiler
	}{
		{"amd64 frame unreadable", AMD64{},
			func(_ *testing.T, e *sysEnv, _ uint64) {
				e.t.Ctx.Regs().(*amd64.Regs).SP = holeAddr + 8
			}},
		{"amd64 non-canonical ip", AMD64{},
			spoilAt(scX86+128, 0x0000800000000000, 8)},
		{"amd64 reserved MXCSR bit", AMD64{},
			func(t *testing.T, e *sysEnv, sp uint64) {
				e.putU32(t, fpstate(t, e, sp)+24, 0x1f80|1<<16)
			}},
		{"amd64 misaligned fpstate", AMD64{},
			func(t *testing.T, e *sysEnv, sp uint64) {
				e.putU64(t, sp+scX86+184, fpstate(t, e, sp)+8)
			}},
		{"arm64 sp not 16-aligned", ARM64{},
			func(_ *testing.T, e *sysEnv, _ uint64) {
				e.t.Ctx.Regs().(*arm64.Regs).SP += 8
			}},
		{"arm64 pstate EL1h", ARM64{}, spoilAt(pstate, 5, 8)},
		{"arm64 pstate with IRQs masked", ARM64{},
			spoilAt(pstate, 1<<7, 8)},
		{"arm64 no fpsimd record", ARM64{}, spoilAt(reserved, 0, 8)},
		{"arm64 unknown record", ARM64{},
			spoilAt(fpsimdEnd, 0x12345678|16<<32, 8)},
		{"arm64 fpsimd record of the wrong size", ARM64{},
			spoilAt(reserved+4, 544, 4)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnvArch(t, tt.arch)
			e.handle(t, abi.SIGUSR1, abi.SA_RESTORER, 0)
			e.t.sendSignal(abi.SIGUSR1, sigInfo{})
			e.t.DeliverSignal(&e.t.Thread)
			regs := e.t.Ctx.Regs()
			sp := regs.StackPointer()
			if tt.arch.Name() == "x86_64" {
				sp += 8
			}

			tt.spoil(t, e, sp)
			e.sigreturn()

			exited, status := e.t.Exited()
			assert.True(t, exited)
			assert.Equal(t, int(abi.SIGSEGV)|coreDumped, status)
			assert.True(t, strings.Contains(e.out.String(),
				"bad frame in rt_sigreturn"), e.out.String())
		})
	}
}
