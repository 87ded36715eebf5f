package ptrace

import "encoding/binary"

// Sizes PTRACE_GET_SYSCALL_INFO returns: the meaningful bytes of struct
// ptrace_syscall_info for each op, and the whole struct.
const (
	SyscallInfoSizeNone    = 24 // up to stack_pointer
	SyscallInfoSizeEntry   = 80 // + entry.nr, entry.args[6]
	SyscallInfoSizeExit    = 33 // + exit.rval, exit.is_error
	SyscallInfoSizeSeccomp = 84 // + seccomp.nr, args[6], ret_data
	SyscallInfoSize        = 88 // sizeof(struct ptrace_syscall_info)
)

// Byte offsets in struct ptrace_syscall_info (include/uapi/linux/ptrace.h).
const (
	infoOffOp      = 0
	infoOffFlags   = 2
	infoOffArch    = 4
	infoOffIP      = 8
	infoOffSP      = 16
	infoOffNr      = 24 // entry.nr, seccomp.nr
	infoOffRval    = 24 // exit.rval
	infoOffArgs    = 32 // entry.args, seccomp.args
	infoOffIsError = 32 // exit.is_error
	infoOffRetData = 80 // seccomp.ret_data
)

// SyscallInfo is struct ptrace_syscall_info, decoded. Which of Nr, Args,
// Rval, IsError and RetData mean anything depends on Op.
type SyscallInfo struct {
	Op      Op
	Flags   uint16
	Arch    uint32
	IP, SP  uint64
	Nr      uint64
	Args    [6]uint64
	Rval    int64
	IsError bool
	RetData uint32
}

// SyscallInfo builds the record for the tracee's current stop from its
// registers, as Linux's ptrace_get_syscall_info does: at call time, so a
// tracer sees its own register changes.
func (st *State) SyscallInfo(regs Regs) SyscallInfo {
	info := SyscallInfo{
		Op:   st.stop,
		Arch: st.Arch,
		IP:   regs.InstructionPointer(),
		SP:   regs.StackPointer(),
	}

	switch st.stop {
	case PTRACE_SYSCALL_INFO_ENTRY, PTRACE_SYSCALL_INFO_SECCOMP:
		info.Nr = uint64(int64(regs.SyscallNr()))
		info.Args = regs.SyscallArgs()
	case PTRACE_SYSCALL_INFO_EXIT:
		info.Rval = regs.Return()
		info.IsError = isErrorValue(info.Rval)
	}
	return info
}

// Size is the number of meaningful bytes for the record's op, the value
// PTRACE_GET_SYSCALL_INFO returns.
func (i *SyscallInfo) Size() int {
	switch i.Op {
	case PTRACE_SYSCALL_INFO_ENTRY:
		return SyscallInfoSizeEntry
	case PTRACE_SYSCALL_INFO_EXIT:
		return SyscallInfoSizeExit
	case PTRACE_SYSCALL_INFO_SECCOMP:
		return SyscallInfoSizeSeccomp
	}
	return SyscallInfoSizeNone
}

// MarshalTo writes the record in Linux's layout (little-endian on both
// ringside architectures) into dst, at most min(len(dst), Size()) bytes,
// and returns Size(). Bytes past the op's part are left as they are.
func (i *SyscallInfo) MarshalTo(dst []byte) int {
	var b [SyscallInfoSize]byte
	le := binary.LittleEndian

	b[infoOffOp] = byte(i.Op)
	le.PutUint16(b[infoOffFlags:], i.Flags)
	le.PutUint32(b[infoOffArch:], i.Arch)
	le.PutUint64(b[infoOffIP:], i.IP)
	le.PutUint64(b[infoOffSP:], i.SP)

	switch i.Op {
	case PTRACE_SYSCALL_INFO_ENTRY, PTRACE_SYSCALL_INFO_SECCOMP:
		le.PutUint64(b[infoOffNr:], i.Nr)
		for n, a := range i.Args {
			le.PutUint64(b[infoOffArgs+8*n:], a)
		}
		if i.Op == PTRACE_SYSCALL_INFO_SECCOMP {
			le.PutUint32(b[infoOffRetData:], i.RetData)
		}
	case PTRACE_SYSCALL_INFO_EXIT:
		le.PutUint64(b[infoOffRval:], uint64(i.Rval))
		if i.IsError {
			b[infoOffIsError] = 1
		}
	}

	size := i.Size()
	copy(dst, b[:size])
	return size
}

// GetSyscallInfo is PTRACE_GET_SYSCALL_INFO: it writes the record for
// the tracee's current stop into dst (the tracer's buffer, already sized
// to the user's length) and returns the full size of the op's record.
// The caller copies dst out to the tracer. Linux: ptrace_get_syscall_info.
func GetSyscallInfo(st *State, regs Regs, dst []byte) int {
	info := st.SyscallInfo(regs)
	return info.MarshalTo(dst)
}

// maxErrno is MAX_ERRNO: return values in [-4095, -1] are errors.
const maxErrno = 4095

// isErrorValue is IS_ERR_VALUE as syscall_get_error applies it.
func isErrorValue(v int64) bool { return v < 0 && v >= -maxErrno }
