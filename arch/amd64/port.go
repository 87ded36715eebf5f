//go:build tamago && amd64

package amd64

// defined in port.s

// Out8 writes v to I/O port p (OUT imm/DX, AL).
func Out8(p uint16, v uint8)

// In8 reads I/O port p (IN AL, DX).
func In8(p uint16) uint8

// Out32 writes v to I/O port p (OUT DX, EAX).
func Out32(p uint16, v uint32)

// ReadTSC returns the time-stamp counter (RDTSC, SDM Vol. 2B).
func ReadTSC() uint64

// Halt stops the CPU until the next interrupt (HLT).
func Halt()

// defined in port.s: 32-bit device-register accesses (MOVL, not split or
// merged by the compiler), for the memory-mapped local APIC.
func mmioRead32(addr uintptr) uint32
func mmioWrite32(addr uintptr, v uint32)
