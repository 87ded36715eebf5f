// Package arm64 is ringside's AArch64 architecture layer: the saved user
// register file in Linux's user_pt_regs layout, the syscall calling
// convention and the syscall numbering.
//
// It holds what Linux's asm/ptrace.h and asm/syscall.h give arm64:
// struct pt_regs (user_pt_regs plus orig_x0 and syscallno) and the
// syscall_get_nr, syscall_get_arguments and syscall_set_return_value
// accessors.
//
// Its register sets, for PTRACE_GETREGSET and PTRACE_SETREGSET, are a
// ptrace.View over *Context (regset.go). Linux names replaced
// (arch/arm64/kernel/ptrace.c):
//
//	aarch64_regsets, user_regset_view  RegsetView()'s ptrace.View
//	task_user_regset_view              RegsetView
//	gpr_get / gpr_set                  NT_PRSTATUS: gprGet, gprSet
//	valid_user_regs, valid_native_regs gprSet's pstate check
//	fpr_get / fpr_set                  NT_PRFPREG: fprGet, fprSet
//	tls_get / tls_set                  NT_ARM_TLS: tlsGet, tlsSet
//	system_call_get / system_call_set  NT_ARM_SYSTEM_CALL
//
// FP/SIMD state (fp_eager.s, fp_lazy.s; arch/arm64/kernel/fpsimd.c):
//
//	fpsimd_save, fpsimd_load           FP_SAVE, FP_LOAD (entry.h)
//	fpsimd_last_state, fpsimd_cpu      fpOwner (lazyfp)
//	TIF_FOREIGN_FPSTATE                fpOwner != the task (lazyfp)
//	do_fpsimd_acc (EL0 only in Linux)  fpTrap, for EL1 (lazyfp)
//
// User copies through the MMU (uaccess.s; arch/arm64/lib/
// copy_from_user.S, arch/arm64/mm/extable.c):
//
//	raw_copy_from_user, raw_copy_to_user CopyFromUser, CopyToUser
//	exception table, fixup_exception     uaccessOnFault, uaccessFixup
package arm64

import "github.com/ringside-kernel/ringside/kernel/abi"

// Regs is a task's saved user register file. Its first 34 words are
// struct user_pt_regs (arch/arm64/include/uapi/asm/ptrace.h), so that the
// NT_PRSTATUS regset is a plain copy; OrigX0 and Syscallno follow as in
// the kernel's struct pt_regs.
type Regs struct {
	// X is x0..x30; x30 is the link register.
	X      [31]uint64
	SP, PC uint64
	Pstate uint64

	// OrigX0 keeps the first syscall argument: x0 is overwritten by
	// the return value, and a restarted syscall needs it back.
	OrigX0 uint64
	// Syscallno is the number the task entered with (x8), or -1
	// (NO_SYSCALL) outside a syscall.
	Syscallno int32
	_         uint32
}

// RegsSize is sizeof(struct user_pt_regs): 34 words.
const RegsSize = 34 * 8

// SyscallInsnLen is the length of SVC #0; syscall restart backs PC up by
// it.
const SyscallInsnLen = 4

// NoSyscall is Syscallno outside a syscall (NO_SYSCALL).
const NoSyscall = -1

// PSR_MODE_EL0t is pstate for EL0 with SP_EL0 and every exception
// unmasked, what Linux forces on a user task.
const PSR_MODE_EL0t = 0

// NewUserRegs returns the register file a fresh task starts with: PC at
// entry, SP at the initial stack, EL0t.
func NewUserRegs(entry, sp uint64) Regs {
	return Regs{PC: entry, SP: sp, Pstate: PSR_MODE_EL0t,
		Syscallno: NoSyscall}
}

// SyscallNr returns the syscall number the task entered with, or -1
// outside a syscall. Linux: syscall_get_nr.
func (r *Regs) SyscallNr() int { return int(r.Syscallno) }

// SetSyscallNr changes the syscall about to run; -1 skips it.
// Linux: syscall_set_nr.
func (r *Regs) SetSyscallNr(nr int) { r.Syscallno = int32(nr) }

// SyscallArgs returns the six syscall arguments: orig_x0, x1..x5.
// Linux: syscall_get_arguments.
func (r *Regs) SyscallArgs() [6]uint64 {
	return [6]uint64{r.OrigX0, r.X[1], r.X[2], r.X[3], r.X[4], r.X[5]}
}

// SetSyscallArgs writes the six arguments to x0..x5 and x0's copy to
// orig_x0, so that SyscallArgs sees them. Linux: syscall_set_arguments.
func (r *Regs) SetSyscallArgs(a [6]uint64) {
	copy(r.X[:6], a[:])
	r.OrigX0 = a[0]
}

// Return returns the syscall return register (x0).
func (r *Regs) Return() int64 { return int64(r.X[0]) }

// SetReturn sets the syscall return value; an error is -errno.
// Linux: syscall_set_return_value.
func (r *Regs) SetReturn(v int64) { r.X[0] = uint64(v) }

// SetErrno sets the return register to -e.
func (r *Regs) SetErrno(e abi.Errno) { r.X[0] = uint64(e.Ret()) }

// InstructionPointer returns the user PC (instruction_pointer).
func (r *Regs) InstructionPointer() uint64 { return r.PC }

// SetInstructionPointer moves the user PC (signal delivery, rseq abort).
func (r *Regs) SetInstructionPointer(ip uint64) { r.PC = ip }

// StackPointer returns the user stack pointer (SP_EL0).
func (r *Regs) StackPointer() uint64 { return r.SP }

// RestartSyscall backs the task up to re-execute SVC with its original
// first argument, the -ERESTARTNOINTR fix-up of arch/arm64/kernel/
// signal.c (x8 still holds the number).
func (r *Regs) RestartSyscall() {
	r.X[0] = r.OrigX0
	r.PC -= SyscallInsnLen
}
