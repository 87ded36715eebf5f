package abi

import "encoding/binary"

// The x86-64 rt signal frame (arch/x86/include/asm/sigframe.h,
// uapi/asm/sigcontext.h, uapi/asm/ucontext.h). From the handler's stack
// pointer up: the return address (sa_restorer), struct ucontext, struct
// siginfo; the FP state lies above, 64-byte aligned, and
// uc_mcontext.fpstate points at it. The structs list the C fields in
// order (binary.Size of each is the C size); Encode and the decoder lay
// them out by hand, signal delivery being a hot path.

// SigcontextAMD64 is struct sigcontext (sigcontext_64), 256 bytes.
type SigcontextAMD64 struct {
	R8, R9, R10, R11, R12, R13, R14, R15 uint64
	DI, SI, BP, BX, DX, AX, CX, SP, IP   uint64
	Flags                                uint64
	CS, GS, FS, SS                       uint16
	Err, Trapno, Oldmask, CR2            uint64
	// Fpstate is the user address of the FP save area, 0 for none.
	Fpstate   uint64
	Reserved1 [8]uint64
}

// UcontextAMD64 is x86's struct ucontext, 304 bytes: the kernel's
// sigset_t is 8 bytes and comes last.
type UcontextAMD64 struct {
	Flags, Link uint64
	Stack       StackT
	Mcontext    SigcontextAMD64
	Sigmask     uint64
}

// RtSigframeAMD64 is struct rt_sigframe (64-bit), 440 bytes.
type RtSigframeAMD64 struct {
	// Pretcode is where the handler's ret goes: sa_restorer.
	Pretcode uint64
	Uc       UcontextAMD64
	Info     [SiginfoSize]byte
}

// Sizes and offsets of the x86-64 frame.
const (
	RtSigframeSizeAMD64 = 440
	FrameUcAMD64        = 8   // offsetof(struct rt_sigframe, uc)
	FrameInfoAMD64      = 312 // offsetof(struct rt_sigframe, info)

	// FXSaveSize is the FXSAVE image (struct fxregs_state); its bytes
	// 464-511 are sw_reserved, where an XSAVE frame keeps
	// fpx_sw_bytes.
	FXSaveSize       = 512
	FXSwReservedOff  = 464
	FXMXCSROff       = 24
	FXMXCSRMaskOff   = 28
	FXFrameAlignment = 64

	// RedZoneAMD64 is the part of the stack below sp that leaf code
	// may use; frames skip it.
	RedZoneAMD64 = 128
)

// Encode lays out the frame.
func (f *RtSigframeAMD64) Encode() []byte {
	b := make([]byte, RtSigframeSizeAMD64)
	binary.LittleEndian.PutUint64(b, f.Pretcode)
	f.Uc.put(b[FrameUcAMD64:])
	copy(b[FrameInfoAMD64:], f.Info[:])
	return b
}

// DecodeRtSigframeAMD64 reads a frame of RtSigframeSizeAMD64 bytes.
func DecodeRtSigframeAMD64(b []byte) RtSigframeAMD64 {
	f := RtSigframeAMD64{Pretcode: binary.LittleEndian.Uint64(b)}
	f.Uc.get(b[FrameUcAMD64:])
	copy(f.Info[:], b[FrameInfoAMD64:])
	return f
}

// Offsets in x86's struct ucontext and struct sigcontext.
const (
	ucStack       = 16
	ucMcontextX86 = 40
	ucSigmaskX86  = 296
	scCS          = 144 // cs, gs, fs, ss: four u16
	scErr         = 152 // err, trapno, oldmask, cr2, fpstate
	scReserved1   = 192
)

func (uc *UcontextAMD64) put(b []byte) {
	le := binary.LittleEndian
	le.PutUint64(b[0:], uc.Flags)
	le.PutUint64(b[8:], uc.Link)
	uc.Stack.put(b[ucStack:])
	uc.Mcontext.put(b[ucMcontextX86:])
	le.PutUint64(b[ucSigmaskX86:], uc.Sigmask)
}

func (uc *UcontextAMD64) get(b []byte) {
	le := binary.LittleEndian
	uc.Flags = le.Uint64(b[0:])
	uc.Link = le.Uint64(b[8:])
	uc.Stack.get(b[ucStack:])
	uc.Mcontext.get(b[ucMcontextX86:])
	uc.Sigmask = le.Uint64(b[ucSigmaskX86:])
}

// words are the sigcontext's fields in layout order, by groups of the
// same size.
func (sc *SigcontextAMD64) words() (gprs [18]*uint64, segs [4]*uint16,
	tail [5]*uint64) {
	gprs = [18]*uint64{&sc.R8, &sc.R9, &sc.R10, &sc.R11, &sc.R12,
		&sc.R13, &sc.R14, &sc.R15, &sc.DI, &sc.SI, &sc.BP, &sc.BX,
		&sc.DX, &sc.AX, &sc.CX, &sc.SP, &sc.IP, &sc.Flags}
	segs = [4]*uint16{&sc.CS, &sc.GS, &sc.FS, &sc.SS}
	tail = [5]*uint64{&sc.Err, &sc.Trapno, &sc.Oldmask, &sc.CR2,
		&sc.Fpstate}
	return
}

func (sc *SigcontextAMD64) put(b []byte) {
	le := binary.LittleEndian
	gprs, segs, tail := sc.words()
	for i, p := range gprs {
		le.PutUint64(b[8*i:], *p)
	}
	for i, p := range segs {
		le.PutUint16(b[scCS+2*i:], *p)
	}
	for i, p := range tail {
		le.PutUint64(b[scErr+8*i:], *p)
	}
	for i, v := range sc.Reserved1 {
		le.PutUint64(b[scReserved1+8*i:], v)
	}
}

func (sc *SigcontextAMD64) get(b []byte) {
	le := binary.LittleEndian
	gprs, segs, tail := sc.words()
	for i, p := range gprs {
		*p = le.Uint64(b[8*i:])
	}
	for i, p := range segs {
		*p = le.Uint16(b[scCS+2*i:])
	}
	for i, p := range tail {
		*p = le.Uint64(b[scErr+8*i:])
	}
	for i := range sc.Reserved1 {
		sc.Reserved1[i] = le.Uint64(b[scReserved1+8*i:])
	}
}
