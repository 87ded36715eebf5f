package abi

import "encoding/binary"

// Portable pieces of the signal frames: siginfo_t, stack_t as a frame
// holds it, and the ucontext flags. The per-architecture layouts are in
// sigframe_x86_64.go and sigframe_aarch64.go.

// SiginfoSize is sizeof(siginfo_t) on every 64-bit architecture
// (SI_MAX_SIZE, include/uapi/asm-generic/siginfo.h).
const SiginfoSize = 128

// Offsets inside siginfo_t: si_signo, si_errno, si_code, then the union
// at 16 (8-byte aligned). _kill and _rt start with si_pid and si_uid, and
// _rt goes on with si_value (_timer has si_tid, si_overrun and si_value
// in the same places); _sigfault starts with si_addr.
const (
	SiSigno = 0
	SiErrno = 4
	SiCode  = 8
	SiPid   = 16
	SiUid   = 20
	SiValue = 24
	SiAddr  = 16
)

// SI_QUEUE and SI_TIMER bound the si_code values a user may send.
const (
	SI_QUEUE = -1
	SI_TIMER = -2
)

// faultSignals are the signals whose positive, non-SI_KERNEL si_codes
// select the _sigfault layout (siginfo_layout's filter table).
func faultSignal(sig Signal) bool {
	switch sig {
	case SIGILL, SIGFPE, SIGSEGV, SIGBUS, SIGTRAP:
		return true
	}
	return false
}

// SiginfoIsFault reports whether (sig, code) uses the _sigfault layout,
// with si_addr, rather than _kill or _rt, with the sender's pid and uid
// (siginfo_layout).
func SiginfoIsFault(sig Signal, code int) bool {
	return code > SI_USER && code < SI_KERNEL && faultSignal(sig)
}

// Siginfo is what ringside puts in a siginfo_t (kernel_siginfo): the
// signal, its si_code, and either the fault address (the _sigfault
// layout) or the sender's pid and uid (_kill and _rt).
type Siginfo struct {
	Signo    Signal
	Code     int
	Pid, Uid int
	// Value is si_value (sigqueue's payload), zero for kill.
	Value uint64
	Addr  uint64
}

// Encode lays out the siginfo_t in b, every byte: the fault address for
// a fault code, else the sender's pid and uid and si_value. si_errno is
// always 0, as Linux sets it for every signal it generates itself.
func (si *Siginfo) Encode(b *[SiginfoSize]byte) {
	clear(b[:])
	le := binary.LittleEndian
	le.PutUint32(b[SiSigno:], uint32(si.Signo))
	le.PutUint32(b[SiCode:], uint32(int32(si.Code)))
	if SiginfoIsFault(si.Signo, si.Code) {
		le.PutUint64(b[SiAddr:], si.Addr)
	} else {
		le.PutUint32(b[SiPid:], uint32(int32(si.Pid)))
		le.PutUint32(b[SiUid:], uint32(int32(si.Uid)))
		le.PutUint64(b[SiValue:], si.Value)
	}
}

// StackT is stack_t as a ucontext holds it (uc_stack): ss_sp, ss_flags
// (an int, padded to 8), ss_size.
type StackT struct {
	SP    uint64
	Flags uint32
	_     uint32
	Size  uint64
}

func (st *StackT) put(b []byte) {
	le := binary.LittleEndian
	le.PutUint64(b[0:], st.SP)
	le.PutUint32(b[8:], st.Flags)
	le.PutUint32(b[12:], 0)
	le.PutUint64(b[16:], st.Size)
}

func (st *StackT) get(b []byte) {
	le := binary.LittleEndian
	st.SP = le.Uint64(b[0:])
	st.Flags = le.Uint32(b[8:])
	st.Size = le.Uint64(b[16:])
}

// uc_flags bits (arch/x86/include/uapi/asm/ucontext.h). arm64 sets none.
const (
	// UC_FP_XSTATE: the FP area is an XSAVE image with the
	// fpx_sw_bytes trailer. ringside saves FXSAVE state only and
	// never sets it.
	UC_FP_XSTATE = 0x1
	// UC_SIGCONTEXT_SS: sigcontext.ss holds the interrupted SS.
	UC_SIGCONTEXT_SS = 0x2
	// UC_STRICT_RESTORE_SS: sigreturn restores SS as saved.
	UC_STRICT_RESTORE_SS = 0x4
)
