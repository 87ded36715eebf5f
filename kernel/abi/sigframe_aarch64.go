package abi

import "encoding/binary"

// The arm64 rt signal frame (arch/arm64/kernel/signal.c,
// uapi/asm/sigcontext.h, uapi/asm/ucontext.h): struct siginfo, then
// struct ucontext whose uc_mcontext.__reserved holds a list of records
// (fpsimd_context first, an end marker last); a frame record {fp, lr}
// sits just above the frame. C's 16-byte alignment of __reserved adds
// the explicit padding fields below, so that binary.Size of each struct
// is the C size; Encode and the decoder lay them out by hand.

// SigcontextARM64 is struct sigcontext, 4384 bytes.
type SigcontextARM64 struct {
	FaultAddress uint64
	Regs         [31]uint64
	SP, PC       uint64
	Pstate       uint64
	_            uint64 // __reserved is 16-byte aligned
	Reserved     [SigcontextReservedARM64]byte
}

// UcontextARM64 is arm64's struct ucontext, 4560 bytes: sigset_t padded
// to glibc's 1024 bits, then uc_mcontext on a 16-byte boundary.
type UcontextARM64 struct {
	Flags, Link uint64
	Stack       StackT
	Sigmask     uint64
	_           [120]byte // __unused: 1024/8 - sizeof(sigset_t)
	_           uint64    // uc_mcontext is 16-byte aligned
	Mcontext    SigcontextARM64
}

// RtSigframeARM64 is struct rt_sigframe, 4688 bytes.
type RtSigframeARM64 struct {
	Info [SiginfoSize]byte
	Uc   UcontextARM64
}

// Sizes and offsets of the arm64 frame.
const (
	RtSigframeSizeARM64     = 4688
	FrameUcARM64            = 128  // offsetof(struct rt_sigframe, uc)
	FrameReservedARM64      = 592  // uc.uc_mcontext.__reserved
	SigcontextReservedARM64 = 4096 // sizeof(__reserved)
	FrameRecordSize         = 16   // struct frame_record {fp, lr}
)

// Records of __reserved: each starts with struct _aarch64_ctx {u32
// magic; u32 size}, is 16-byte aligned, and a zero header ends the list.
const (
	FPSIMD_MAGIC = 0x46508001
	ESR_MAGIC    = 0x45535201
	EXTRA_MAGIC  = 0x45585401

	// FpsimdContextSize is sizeof(struct fpsimd_context): head, fpsr,
	// fpcr, vregs[32] of 16 bytes.
	FpsimdContextSize = 528
	// FpsimdVregsOff is offsetof(struct fpsimd_context, vregs).
	FpsimdVregsOff = 16
	// AArch64CtxSize is sizeof(struct _aarch64_ctx).
	AArch64CtxSize = 8
)

// Offsets in arm64's struct ucontext and struct sigcontext.
const (
	ucSigmaskARM64  = 40
	ucMcontextARM64 = 176
	scRegsARM64     = 8
	scSPARM64       = 256
	scReservedARM64 = 288
)

// Encode lays out the frame.
func (f *RtSigframeARM64) Encode() []byte {
	b := make([]byte, RtSigframeSizeARM64)
	le := binary.LittleEndian
	copy(b, f.Info[:])
	uc, sc := b[FrameUcARM64:], b[FrameUcARM64+ucMcontextARM64:]
	le.PutUint64(uc[0:], f.Uc.Flags)
	le.PutUint64(uc[8:], f.Uc.Link)
	f.Uc.Stack.put(uc[ucStack:])
	le.PutUint64(uc[ucSigmaskARM64:], f.Uc.Sigmask)

	m := &f.Uc.Mcontext
	le.PutUint64(sc[0:], m.FaultAddress)
	for i, v := range m.Regs {
		le.PutUint64(sc[scRegsARM64+8*i:], v)
	}
	le.PutUint64(sc[scSPARM64:], m.SP)
	le.PutUint64(sc[scSPARM64+8:], m.PC)
	le.PutUint64(sc[scSPARM64+16:], m.Pstate)
	copy(sc[scReservedARM64:], m.Reserved[:])
	return b
}

// DecodeRtSigframeARM64 reads a frame of RtSigframeSizeARM64 bytes.
func DecodeRtSigframeARM64(b []byte) RtSigframeARM64 {
	var f RtSigframeARM64
	le := binary.LittleEndian
	copy(f.Info[:], b)
	uc, sc := b[FrameUcARM64:], b[FrameUcARM64+ucMcontextARM64:]
	f.Uc.Flags = le.Uint64(uc[0:])
	f.Uc.Link = le.Uint64(uc[8:])
	f.Uc.Stack.get(uc[ucStack:])
	f.Uc.Sigmask = le.Uint64(uc[ucSigmaskARM64:])

	m := &f.Uc.Mcontext
	m.FaultAddress = le.Uint64(sc[0:])
	for i := range m.Regs {
		m.Regs[i] = le.Uint64(sc[scRegsARM64+8*i:])
	}
	m.SP = le.Uint64(sc[scSPARM64:])
	m.PC = le.Uint64(sc[scSPARM64+8:])
	m.Pstate = le.Uint64(sc[scSPARM64+16:])
	copy(m.Reserved[:], sc[scReservedARM64:])
	return f
}
