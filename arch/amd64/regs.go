// Package amd64 is ringside's x86-64 architecture layer: the saved user
// register file in Linux's user_regs_struct layout, the syscall calling
// convention, syscall numbering, and (behind the tamago build constraint)
// ring 3 entry and exit: GDT, TSS, IDT, SYSCALL MSRs, page tables and FPU
// state.
//
// It holds what Linux's HAVE_ARCH_TRACEHOOK stood for on x86: the
// register set of a task (task_pt_regs, user_regs_struct) and its current
// syscall (syscall_get_nr, syscall_get_arguments, syscall_set_return_value
// in asm/syscall.h).
//
// Its register sets, for PTRACE_GETREGSET and PTRACE_SETREGSET, are a
// ptrace.View over *Context (regset.go). Linux names replaced
// (arch/x86/kernel/ptrace.c):
//
//	x86_64_regsets, user_regset_view   RegsetView()'s ptrace.View
//	task_user_regset_view              RegsetView
//	genregs_get / genregs_set          NT_PRSTATUS: genregsGet, genregsSet
//	putreg, set_segment_reg, set_flags putreg
//	xfpregs_get / xfpregs_set          NT_PRFPREG: xfpregsGet, xfpregsSet
//	xstateregs_get (NT_X86_XSTATE)     not offered: FXSAVE state only
//
// User copies through the MMU (uaccess.s; arch/x86/lib/copy_user_64.S,
// arch/x86/mm/extable.c):
//
//	raw_copy_from_user, raw_copy_to_user CopyFromUser, CopyToUser
//	exception table, fixup_exception     uaccessOnFault, uaccessFault
//	stac / clac (ASM_STAC, ASM_CLAC)      STAC, CLAC behind smap
//	X86_FEATURE_SMEP, X86_FEATURE_SMAP    enableSMEPSMAP
package amd64

import "github.com/ringside-kernel/ringside/kernel/abi"

// Regs is a task's saved user register file, laid out exactly as Linux's
// struct user_regs_struct (arch/x86/include/asm/user_64.h), so that the
// NT_PRSTATUS regset is a plain copy. Its first 21 words are struct pt_regs:
// the entry code pushes them in place (see entry.s).
type Regs struct {
	R15, R14, R13, R12, BP, BX, R11, R10, R9, R8 uint64
	AX, CX, DX, SI, DI                           uint64
	OrigAX                                       uint64
	IP, CS, Flags, SP, SS                        uint64
	FSBase, GSBase                               uint64
	DS, ES, FS, GS                               uint64
}

// RegsSize is sizeof(struct user_regs_struct): 27 words.
const RegsSize = 27 * 8

// User segment selectors, as Linux's GDT has them (asm/segment.h), so that
// ptrace and signal frames show the values programs expect.
const (
	UserCS = 0x33 // __USER_CS
	UserDS = 0x2b // __USER_DS
)

// RFLAGS bits (Intel SDM Vol. 1, 3.4.3).
const (
	FlagCF = 1 << 0
	FlagTF = 1 << 8
	FlagIF = 1 << 9
	FlagDF = 1 << 10
	FlagRF = 1 << 16
	FlagAC = 1 << 18
)

// userFlagsMask is FLAG_MASK of arch/x86/kernel/ptrace.c: the RFLAGS bits
// user mode may change (CF PF AF ZF SF TF DF OF NT RF AC ID).
const userFlagsMask = 0x00000001 | 0x00000004 | 0x00000010 | 0x00000040 |
	0x00000080 | 0x00000100 | 0x00000400 | 0x00000800 | 0x00004000 |
	0x00010000 | 0x00040000 | 0x00200000

// SyscallInsnLen is the length of the SYSCALL instruction (0f 05); syscall
// restart backs IP up by it.
const SyscallInsnLen = 2

// NewUserRegs returns the register file a fresh task starts with: IP at
// entry, SP at the initial stack, user selectors, interrupts enabled.
func NewUserRegs(entry, sp uint64) Regs {
	return Regs{
		IP: entry, SP: sp, CS: UserCS, SS: UserDS, Flags: FlagIF | 0x2,
		OrigAX: ^uint64(0),
	}
}

// SyscallNr returns the syscall number the task entered with (orig_ax), or
// -1 outside a syscall. Linux: syscall_get_nr.
func (r *Regs) SyscallNr() int { return int(int64(r.OrigAX)) }

// SetSyscallNr changes the syscall about to run; -1 skips it.
// Linux: syscall_set_nr.
func (r *Regs) SetSyscallNr(nr int) { r.OrigAX = uint64(int64(nr)) }

// SyscallArgs returns the six syscall arguments: rdi rsi rdx r10 r8 r9.
// Linux: syscall_get_arguments.
func (r *Regs) SyscallArgs() [6]uint64 {
	return [6]uint64{r.DI, r.SI, r.DX, r.R10, r.R8, r.R9}
}

// SetSyscallArgs writes the six syscall arguments back.
// Linux: syscall_set_arguments.
func (r *Regs) SetSyscallArgs(a [6]uint64) {
	r.DI, r.SI, r.DX, r.R10, r.R8, r.R9 = a[0], a[1], a[2], a[3], a[4], a[5]
}

// Return returns the syscall return register (rax).
func (r *Regs) Return() int64 { return int64(r.AX) }

// SetReturn sets the syscall return value; an error is -errno.
// Linux: syscall_set_return_value.
func (r *Regs) SetReturn(v int64) { r.AX = uint64(v) }

// SetErrno sets the return register to -e.
func (r *Regs) SetErrno(e abi.Errno) { r.AX = uint64(e.Ret()) }

// InstructionPointer and StackPointer are Linux's instruction_pointer and
// user_stack_pointer.
func (r *Regs) InstructionPointer() uint64 { return r.IP }

// SetInstructionPointer moves the user IP (signal delivery, rseq abort).
func (r *Regs) SetInstructionPointer(ip uint64) { r.IP = ip }

// StackPointer returns the user stack pointer.
func (r *Regs) StackPointer() uint64 { return r.SP }

// RestartSyscall backs the task up to re-execute the syscall instruction
// with its original number, the -ERESTARTNOINTR fix-up of
// arch/x86/kernel/signal.c.
func (r *Regs) RestartSyscall() {
	r.AX = r.OrigAX
	r.IP -= SyscallInsnLen
}
