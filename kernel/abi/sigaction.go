package abi

import "encoding/binary"

// SigactionSize is sizeof(struct sigaction) as the kernel reads it for
// rt_sigaction: sa_handler, sa_flags, sa_restorer, sa_mask, one u64 each.
// x86_64 and arm64 both define SA_RESTORER, so the layout is shared
// (include/linux/signal_types.h, __ARCH_HAS_SA_RESTORER).
const SigactionSize = 32

// SigsetSize is sizeof(sigset_t) in the kernel: rt_* calls insist on it.
const SigsetSize = 8

// Special handlers (include/uapi/asm-generic/signal-defs.h).
const (
	SIG_DFL = 0
	SIG_IGN = 1
)

// sa_flags bits (signal-defs.h and the arch signal.h).
const (
	SA_NOCLDSTOP      = 0x00000001
	SA_NOCLDWAIT      = 0x00000002
	SA_SIGINFO        = 0x00000004
	SA_UNSUPPORTED    = 0x00000400
	SA_EXPOSE_TAGBITS = 0x00000800
	SA_RESTORER       = 0x04000000
	SA_ONSTACK        = 0x08000000
	SA_RESTART        = 0x10000000
	SA_NODEFER        = 0x40000000
	SA_RESETHAND      = 0x80000000

	// UAPI_SA_FLAGS are the bits rt_sigaction keeps; the rest are
	// cleared so that user space can probe for support.
	UAPI_SA_FLAGS = SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO |
		SA_ONSTACK | SA_RESTART | SA_NODEFER | SA_RESETHAND |
		SA_EXPOSE_TAGBITS | SA_RESTORER
)

// Sigaction is struct sigaction of rt_sigaction(2).
type Sigaction struct {
	Handler, Flags, Restorer, Mask uint64
}

// DecodeSigaction reads a struct sigaction.
func DecodeSigaction(b []byte) Sigaction {
	le := binary.LittleEndian
	return Sigaction{
		Handler:  le.Uint64(b[0:]),
		Flags:    le.Uint64(b[8:]),
		Restorer: le.Uint64(b[16:]),
		Mask:     le.Uint64(b[24:]),
	}
}

// Encode returns a as a struct sigaction.
func (a Sigaction) Encode() []byte {
	b := make([]byte, SigactionSize)
	le := binary.LittleEndian
	le.PutUint64(b[0:], a.Handler)
	le.PutUint64(b[8:], a.Flags)
	le.PutUint64(b[16:], a.Restorer)
	le.PutUint64(b[24:], a.Mask)
	return b
}

// rt_sigprocmask's how.
const (
	SIG_BLOCK   = 0
	SIG_UNBLOCK = 1
	SIG_SETMASK = 2
)

// SigMask is the sigset_t bit of sig: bit sig-1.
func SigMask(sig Signal) uint64 { return 1 << (uint(sig) - 1) }

// StackSize is sizeof(stack_t): ss_sp, ss_flags (int, padded), ss_size.
const StackSize = 24

// sigaltstack ss_flags.
const (
	SS_ONSTACK    = 1
	SS_DISABLE    = 2
	SS_AUTODISARM = 1 << 31
)

// MINSIGSTKSZ per architecture (arch/x86/include/uapi/asm/signal.h,
// arch/arm64/include/uapi/asm/signal.h): sigaltstack's ENOMEM bound.
const (
	MinSigStkSzAMD64 = 2048
	MinSigStkSzARM64 = 5120
)
