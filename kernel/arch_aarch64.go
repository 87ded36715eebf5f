package kernel

import (
	"debug/elf"

	"encoding/binary"

	"golang.org/x/arch/arm64/arm64asm"

	"github.com/ringside-kernel/ringside/arch/arm64"
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

// ARM64 is the AArch64 Linux ABI: the generic syscall numbering, the
// generic struct stat, and the exception-to-signal mapping of
// arch/arm64/kernel/traps.c, entry-common.c and mm/fault.c.
type ARM64 struct{}

var _ Arch = ARM64{}

// Name is uname's machine: "aarch64".
func (ARM64) Name() string { return "aarch64" }

// Sys maps an arm64 syscall number to a portable one.
func (ARM64) Sys(nr int) abi.Sys { return arm64.Sys(nr) }

// Sysnos implements Arch.
func (ARM64) Sysnos() []abi.Sys { return arm64.Syscalls }

// ESR_EL1 exception classes (Arm ARM D24.2.40).
const (
	ecUnknown    = 0x00
	ecFPAccess   = 0x07
	ecBTI        = 0x0d
	ecIllegal    = 0x0e
	ecSys64      = 0x18
	ecFPAC       = 0x1c
	ecIAbortLow  = 0x20
	ecIAbortCur  = 0x21
	ecPCAlign    = 0x22
	ecDAbortLow  = 0x24
	ecDAbortCur  = 0x25
	ecSPAlign    = 0x26
	ecFP64       = 0x2c
	ecBreakpoint = 0x30
	ecSoftStep   = 0x32
	ecWatchpoint = 0x34
	ecBRK64      = 0x3c
)

// ESR fields of an FP exception (ESR_ELx_FP_EXC_TFV and the IOF, DZF,
// OFF, UFF, IXF flags).
const (
	fpTFV = 1 << 23
	fpIOF = 1 << 0
	fpDZF = 1 << 1
	fpOFF = 1 << 2
	fpUFF = 1 << 3
	fpIXF = 1 << 4
)

// Fault is Linux's answer to a synchronous exception from EL0. Trap.Code
// is ESR_EL1 and Trap.Addr FAR_EL1. Aborts follow the fault status code
// (fault_info): translation faults SEGV_MAPERR, access-flag and
// permission faults SEGV_ACCERR, alignment faults BUS_ADRALN, external
// aborts BUS_OBJERR, tag-check faults SEGV_MTESERR, the rest SIGKILL
// SI_KERNEL.
// Undefined, illegal-state, system-register and BTI traps are SIGILL
// ILL_ILLOPC; FPAC is ILL_ILLOPN; unknown classes are bad_el0_sync,
// SIGILL ILL_ILLOPC.
func (ARM64) Fault(tr Trap, regs entry.Regs) (abi.Signal, int, uint64) {
	pc := regs.InstructionPointer()
	ec := tr.Code >> 26 & 0x3f
	switch ec {
	case ecIAbortLow, ecIAbortCur, ecDAbortLow, ecDAbortCur:
		sig, code := abortSignal(tr.Code & 0x3f)
		return sig, code, tr.Addr
	case ecPCAlign:
		return abi.SIGBUS, abi.BUS_ADRALN, tr.Addr
	case ecSPAlign:
		return abi.SIGBUS, abi.BUS_ADRALN, regs.StackPointer()
	case ecFP64:
		return abi.SIGFPE, fpExcCode(tr.Code), pc
	case ecBRK64:
		return abi.SIGTRAP, abi.TRAP_BRKPT, pc
	case ecBreakpoint, ecBreakpoint + 1:
		return abi.SIGTRAP, abi.TRAP_HWBKPT, pc
	case ecWatchpoint, ecWatchpoint + 1:
		return abi.SIGTRAP, abi.TRAP_HWBKPT, tr.Addr
	case ecSoftStep, ecSoftStep + 1:
		return abi.SIGTRAP, abi.TRAP_TRACE, pc
	case ecFPAC:
		return abi.SIGILL, abi.ILL_ILLOPN, pc
	}
	// ecUnknown, ecIllegal, ecSys64, ecBTI, ecFPAccess (the kernel
	// leaves FP on, so a trap is a bug) and unexpected classes.
	return abi.SIGILL, abi.ILL_ILLOPC, pc
}

// abortSignal maps an abort's fault status code (DFSC/IFSC) to a signal.
func abortSignal(fsc uint64) (abi.Signal, int) {
	switch {
	case fsc>>2 == 0b0001: // translation fault, levels 0-3
		return abi.SIGSEGV, abi.SEGV_MAPERR
	case fsc>>2 == 0b0010 && fsc != 0b001000: // access flag, 1-3
		return abi.SIGSEGV, abi.SEGV_ACCERR
	case fsc>>2 == 0b0011 && fsc != 0b001100: // permission, 1-3
		return abi.SIGSEGV, abi.SEGV_ACCERR
	case fsc == 0b010000: // synchronous external abort
		return abi.SIGBUS, abi.BUS_OBJERR
	case fsc == 0b010001: // synchronous tag check fault
		return abi.SIGSEGV, abi.SEGV_MTESERR
	case fsc == 0b100001: // alignment fault
		return abi.SIGBUS, abi.BUS_ADRALN
	}
	// Address-size faults and reserved codes: do_bad's SIGKILL.
	return abi.SIGKILL, abi.SI_KERNEL
}

// fpExcCode is do_fpsimd_exc's si_code: from the trapped flags when the
// ESR says they are valid, else FPE_FLTUNK.
func fpExcCode(esr uint64) int {
	switch {
	case esr&fpTFV == 0:
		return abi.FPE_FLTUNK
	case esr&fpIOF != 0:
		return abi.FPE_FLTINV
	case esr&fpDZF != 0:
		return abi.FPE_FLTDIV
	case esr&fpOFF != 0:
		return abi.FPE_FLTOVF
	case esr&fpUFF != 0:
		return abi.FPE_FLTUND
	case esr&fpIXF != 0:
		return abi.FPE_FLTRES
	}
	return abi.FPE_FLTUNK
}

// Disassemble decodes one A64 instruction in GNU syntax, as objdump
// prints it; fewer than 4 bytes or an unallocated encoding is
// ".inst 0x..." or "(bad)".
func (ARM64) Disassemble(code []byte, ip uint64) string {
	if len(code) < 4 {
		return "(bad)"
	}
	inst, err := arm64asm.Decode(code[:4])
	if err != nil {
		return ".inst " + hex32(binary.LittleEndian.Uint32(code))
	}
	return arm64asm.GNUSyntax(inst)
}

func hex32(v uint32) string {
	const digits = "0123456789abcdef"
	b := []byte("0x00000000")
	for i := 9; i >= 2; i-- {
		b[i] = digits[v&0xf]
		v >>= 4
	}
	return string(b)
}

func (ARM64) encodeStat(s *abi.Stat) []byte { return s.EncodeARM64() }

func (ARM64) minSigStackSize() uint64 { return abi.MinSigStkSzARM64 }

// ESR_EL1 fields of an abort (Arm ARM D17.2.37).
const (
	ecInsnAbortLower = 0x20
	ecDataAbortLower = 0x24
	esrWnR           = 1 << 6
)

// PageFault implements Arch: an instruction or data abort from EL0, with
// FAR_EL1 and the access kind from the ESR.
func (ARM64) PageFault(tr Trap) (uint64, bool, bool, bool) {
	switch tr.Code >> 26 {
	case ecInsnAbortLower:
		return tr.Addr, false, true, true
	case ecDataAbortLower:
		return tr.Addr, tr.Code&esrWnR != 0, false, true
	}
	return 0, false, false, false
}

// ELF implements Arch. AT_HWCAP: FP and ASIMD, which every Armv8-A core
// ringside supports has (HWCAP_FP, HWCAP_ASIMD); glibc reads the rest
// from the ID registers where the kernel traps and emulates them, which
// ringside does not yet.
func (ARM64) ELF() ELFParams {
	return ELFParams{
		Machine:   elf.EM_AARCH64,
		Platform:  "aarch64",
		HWCap:     1<<0 | 1<<1,
		DynBase:   0xaaaaaaaaa000,
		MinSigStk: abi.MinSigStkSzARM64,
	}
}
