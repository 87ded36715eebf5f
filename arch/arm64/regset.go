package arm64

import (
	"debug/elf"
	"encoding/binary"
	"unsafe"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/ptrace"
)

// PSTATE bits a tracer's write is checked against (asm/ptrace.h;
// the Arm ARM's SPSR_EL1 for exceptions taken from AArch64).
const (
	psrModeMask = 0xf      // PSR_MODE_MASK: M[3:0], EL0t is 0
	psrMode32   = 1 << 4   // PSR_MODE32_BIT: AArch32 state
	psrDAIF     = 0xf << 6 // PSR_D/A/I/F_BIT: masked exceptions
	psrSS       = 1 << 21  // DBG_SPSR_SS: software step, the kernel's

	// psrRES0 is SPSR_EL1_AARCH64_RES0_BITS of arch/arm64/kernel/
	// ptrace.c: bits without an EL0 meaning (PAN and UAO among them),
	// silently cleared.
	psrRES0 = 0xffffffff<<32 | 3<<26 | 3<<22 | 0xff<<13 | 1<<5
)

// user_pt_regs must be the first 34 words of Regs for userPtRegs().
var (
	_ [unsafe.Offsetof(Regs{}.OrigX0) - RegsSize]struct{}
	_ [RegsSize - unsafe.Offsetof(Regs{}.OrigX0)]struct{}
)

// regsetView is the "aarch64" view. NT_ARM_TLS has one register,
// TPIDR_EL0: ringside does not enable SME, so there is no TPIDR2_EL0 to
// add (Linux's second register, which a tracer takes as SME support).
var regsetView = ptrace.View[*Context]{
	Name:    "aarch64",
	Machine: elf.EM_AARCH64,
	Regsets: []ptrace.Regset[*Context]{
		{
			Note: ptrace.NT_PRSTATUS, N: RegsSize / 8, Size: 8,
			Align: 8, Get: gprGet, Set: gprSet,
		},
		{
			// 32-bit registers because FPSR and FPCR are.
			Note: ptrace.NT_PRFPREG, N: FPSIMDSize / 4, Size: 4,
			Align: 4, Get: fprGet, Set: fprSet,
		},
		{
			Note: ptrace.NT_ARM_TLS, N: 1, Size: 8,
			Align: 8, Get: tlsGet, Set: tlsSet,
		},
		{
			Note: ptrace.NT_ARM_SYSTEM_CALL, N: 1, Size: 4,
			Align: 4, Get: systemCallGet, Set: systemCallSet,
		},
	},
}

// RegsetView returns the register sets of an AArch64 task, what Linux's
// task_user_regset_view returns for a native task (aarch64_regsets in
// arch/arm64/kernel/ptrace.c). The view is shared: do not modify it.
func RegsetView() *ptrace.View[*Context] { return &regsetView }

// userPtRegs returns the first 34 words of the register file: struct
// user_pt_regs as an array.
func (r *Regs) userPtRegs() *[RegsSize / 8]uint64 {
	return (*[RegsSize / 8]uint64)(unsafe.Pointer(r))
}

// gprGet stores the leading words of user_pt_regs (gpr_get).
func gprGet(c *Context, dst []byte) {
	w := c.Regs.userPtRegs()
	for i := 0; i < len(dst)/8; i++ {
		binary.LittleEndian.PutUint64(dst[8*i:], w[i])
	}
}

// gprSet writes the leading words of user_pt_regs (gpr_set): the new
// registers are assembled on the side and committed only if pstate is
// still a valid user state (valid_user_regs, valid_native_regs):
//   - RES0 bits are cleared and SS is kept as the kernel had it (forced);
//   - a mode other than EL0t, AArch32 state or any of D, A, I, F masked
//     is refused with EINVAL, and nothing is written.
func gprSet(c *Context, src []byte) abi.Errno {
	w := *c.Regs.userPtRegs()
	for i := 0; i < len(src)/8; i++ {
		w[i] = binary.LittleEndian.Uint64(src[8*i:])
	}

	const pstate = RegsSize/8 - 1
	old := c.Regs.Pstate
	w[pstate] = w[pstate]&^(psrRES0|psrSS) | old&psrSS
	if w[pstate]&(psrModeMask|psrMode32|psrDAIF) != PSR_MODE_EL0t {
		return abi.EINVAL
	}

	*c.Regs.userPtRegs() = w
	return 0
}

// fprGet stores the leading bytes of user_fpsimd_state (fpr_get).
func fprGet(c *Context, dst []byte) { copy(dst, c.FPState()) }

// fprSet writes the leading bytes of user_fpsimd_state (fpr_set); FPSR
// and FPCR take any value, as in Linux.
func fprSet(c *Context, src []byte) abi.Errno {
	copy(c.FPState(), src)
	return 0
}

// tlsGet stores TPIDR_EL0 (tls_get).
func tlsGet(c *Context, dst []byte) {
	if len(dst) == 8 {
		binary.LittleEndian.PutUint64(dst, c.TPIDR)
	}
}

// tlsSet sets TPIDR_EL0 (tls_set).
func tlsSet(c *Context, src []byte) abi.Errno {
	if len(src) == 8 {
		c.TPIDR = binary.LittleEndian.Uint64(src)
	}
	return 0
}

// systemCallGet stores the syscall number as an int (system_call_get).
func systemCallGet(c *Context, dst []byte) {
	if len(dst) == 4 {
		binary.LittleEndian.PutUint32(dst, uint32(c.Regs.Syscallno))
	}
}

// systemCallSet changes the syscall number (system_call_set), at a
// syscall-entry stop the syscall about to run; -1 (NoSyscall) skips it.
func systemCallSet(c *Context, src []byte) abi.Errno {
	if len(src) == 4 {
		c.Regs.SetSyscallNr(int(int32(binary.LittleEndian.Uint32(src))))
	}
	return 0
}
