package kernel

import (
	"debug/elf"
	"strings"

	"golang.org/x/arch/x86/x86asm"

	"github.com/ringside-kernel/ringside/arch/amd64"
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

// AMD64 is the x86-64 Linux ABI: syscall_64.tbl numbering, x86_64's
// struct stat, and the exception-to-signal mapping of
// arch/x86/kernel/traps.c and arch/x86/mm/fault.c.
type AMD64 struct{}

var _ Arch = AMD64{}

// Name is uname's machine: "x86_64".
func (AMD64) Name() string { return "x86_64" }

// Sys maps an x86-64 syscall number to a portable one.
func (AMD64) Sys(nr int) abi.Sys { return amd64.Sys(nr) }

// Sysnos implements Arch.
func (AMD64) Sysnos() []abi.Sys { return amd64.Syscalls }

// x86 exception vectors (SDM Vol. 3A, 6.3.1).
const (
	vecDE = 0  // divide error
	vecDB = 1  // debug
	vecBP = 3  // int3
	vecOF = 4  // into
	vecBR = 5  // bound
	vecUD = 6  // invalid opcode
	vecNM = 7  // device not available
	vecMP = 9  // coprocessor segment overrun
	vecTS = 10 // invalid TSS
	vecNP = 11 // segment not present
	vecSS = 12 // stack segment
	vecGP = 13 // general protection
	vecPF = 14 // page fault
	vecMF = 16 // x87 floating point
	vecAC = 17 // alignment check
	vecMC = 18 // machine check
	vecXM = 19 // SIMD floating point
	vecCP = 21 // control protection
)

// Page-fault error code bits (SDM Vol. 3A, 4.7).
const (
	pfPresent = 1 << 0
	pfPK      = 1 << 5
)

// DR6 bits of a #DB (SDM Vol. 3A, 18.2.3): breakpoint hits and single
// step.
const (
	dr6Trap = 0xf
	dr6Step = 1 << 14
)

// Fault is Linux's answer to an exception in user mode. Where Linux calls
// force_sig the code is SI_KERNEL and the address 0; where it calls
// force_sig_fault the address is the IP (error_get_trap_addr) or CR2.
//
// Trap.Code holds the error code for #PF, #GP and friends, DR6 for #DB,
// and the x87 status word (#MF) or MXCSR (#XM) for the FP exceptions;
// a machine that cannot supply DR6 or the FP status gets TRAP_BRKPT and
// FPE_FLTUNK. #NM cannot happen in user mode (the FPU is always on) and
// is SIGSEGV SI_KERNEL; unknown vectors too.
func (AMD64) Fault(tr Trap, regs entry.Regs) (abi.Signal, int, uint64) {
	ip := regs.InstructionPointer()
	switch tr.Vector {
	case vecDE:
		return abi.SIGFPE, abi.FPE_INTDIV, ip
	case vecDB:
		return abi.SIGTRAP, debugCode(tr.Code), ip
	case vecBP:
		// do_int3_user: force_sig, and IP stays after the int3.
		return abi.SIGTRAP, abi.SI_KERNEL, 0
	case vecUD:
		return abi.SIGILL, abi.ILL_ILLOPN, ip
	case vecMP:
		return abi.SIGFPE, abi.SI_KERNEL, 0
	case vecNP, vecSS:
		return abi.SIGBUS, abi.SI_KERNEL, 0
	case vecPF:
		return abi.SIGSEGV, pageFaultCode(tr.Code), tr.Addr
	case vecMF, vecXM:
		return abi.SIGFPE, fpCode(tr.Code), ip
	case vecAC:
		return abi.SIGBUS, abi.BUS_ADRALN, 0
	case vecMC:
		return abi.SIGBUS, abi.SI_KERNEL, 0
	case vecCP:
		return abi.SIGSEGV, abi.SEGV_CPERR, 0
	}
	// #OF, #BR, #NM, #TS, #GP and anything unexpected.
	return abi.SIGSEGV, abi.SI_KERNEL, 0
}

// pageFaultCode is the si_code of a #PF from its error code: a
// protection-key violation, a present page (ACCERR) or none (MAPERR).
// mm's verdict is more precise (a VMA without the page is ACCERR in
// Linux): ReportMemFault takes it instead.
func pageFaultCode(ec uint64) int {
	switch {
	case ec&pfPK != 0:
		return abi.SEGV_PKUERR
	case ec&pfPresent != 0:
		return abi.SEGV_ACCERR
	}
	return abi.SEGV_MAPERR
}

// debugCode is get_si_code of a #DB from DR6.
func debugCode(dr6 uint64) int {
	switch {
	case dr6&dr6Step != 0:
		return abi.TRAP_TRACE
	case dr6&dr6Trap != 0:
		return abi.TRAP_HWBKPT
	}
	return abi.TRAP_BRKPT
}

// fpCode is fpu__exception_code's decoding of the exception flags of the
// x87 status word or MXCSR (the same low six bits): invalid, zero divide,
// overflow, underflow, precision; none set is FPE_FLTUNK.
func fpCode(status uint64) int {
	switch {
	case status&0x01 != 0:
		return abi.FPE_FLTINV
	case status&0x04 != 0:
		return abi.FPE_FLTDIV
	case status&0x08 != 0:
		return abi.FPE_FLTOVF
	case status&0x12 != 0:
		return abi.FPE_FLTUND
	case status&0x20 != 0:
		return abi.FPE_FLTRES
	}
	return abi.FPE_FLTUNK
}

// Disassemble decodes one 64-bit instruction in GNU (AT&T) syntax, as
// objdump prints it; an undecodable or truncated one (x86asm returns a
// bare prefix for those) is "(bad)".
func (AMD64) Disassemble(code []byte, ip uint64) string {
	inst, err := x86asm.Decode(code, 64)
	if err != nil || inst.Op == 0 {
		return "(bad)"
	}
	return absoluteZero(x86asm.GNUSyntax(inst, ip, nil))
}

// absoluteZero puts back the "0x0" x86asm's GNU syntax leaves out for a
// memory operand that is the absolute address 0 (a NULL dereference),
// which objdump prints as "mov 0x0,%eax".
func absoluteZero(s string) string {
	if op, rest, ok := strings.Cut(s, " "); ok {
		if strings.HasPrefix(rest, ",") {
			return op + " 0x0" + rest
		}
		if strings.HasSuffix(rest, ",") {
			return s + "0x0"
		}
	}
	return s
}

func (AMD64) encodeStat(s *abi.Stat) []byte { return s.EncodeAMD64() }

func (AMD64) minSigStackSize() uint64 { return abi.MinSigStkSzAMD64 }

// x86 page-fault error code bits (SDM Vol. 3A, 4.7).
const (
	pfWrite = 1 << 1
	pfFetch = 1 << 4
)

// PageFault implements Arch: vector 14, with CR2 and the access kind from
// the error code.
func (AMD64) PageFault(tr Trap) (uint64, bool, bool, bool) {
	if tr.Vector != vecPF {
		return 0, false, false, false
	}
	return tr.Addr, tr.Code&pfWrite != 0, tr.Code&pfFetch != 0, true
}

// ELF implements Arch. AT_HWCAP on x86 is CPUID.1:EDX; ringside reports
// the baseline x86-64 set (FPU through SSE2) that every CPU it runs on
// has, as glibc takes its real feature set from CPUID itself.
func (AMD64) ELF() ELFParams {
	return ELFParams{
		Machine:   elf.EM_X86_64,
		Platform:  "x86_64",
		HWCap:     0x078bfbff,
		DynBase:   0x555555554000,
		MinSigStk: abi.MinSigStkSzAMD64,
	}
}
