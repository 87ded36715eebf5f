package ptrace

// ptrace(2) requests that select how a stopped tracee resumes
// (include/uapi/linux/ptrace.h, arch/x86/include/uapi/asm/ptrace-abi.h).
const (
	PTRACE_CONT              = 7
	PTRACE_SINGLESTEP        = 9
	PTRACE_SYSCALL           = 24
	PTRACE_SYSEMU            = 31
	PTRACE_SYSEMU_SINGLESTEP = 32
	PTRACE_GET_SYSCALL_INFO  = 0x420e
)

// Options is the PTRACE_SETOPTIONS word.
type Options uint32

// PTRACE_O_TRACESYSGOOD makes syscall stops report SIGTRAP|0x80.
const PTRACE_O_TRACESYSGOOD Options = 1

// syscallStopBit is what PTRACE_O_TRACESYSGOOD ors into SIGTRAP.
const syscallStopBit = 0x80

// Op is struct ptrace_syscall_info's op: which kind of stop the tracee is
// in.
type Op uint8

// PTRACE_SYSCALL_INFO_* values.
const (
	PTRACE_SYSCALL_INFO_NONE    Op = 0
	PTRACE_SYSCALL_INFO_ENTRY   Op = 1
	PTRACE_SYSCALL_INFO_EXIT    Op = 2
	PTRACE_SYSCALL_INFO_SECCOMP Op = 3
)

// AUDIT_ARCH_* values (include/uapi/linux/audit.h), reported in
// ptrace_syscall_info.arch.
const (
	AUDIT_ARCH_X86_64  uint32 = 0xc000003e
	AUDIT_ARCH_AARCH64 uint32 = 0xc00000b7
)
