//go:build tamago && arm64

package arm64

import "unsafe"

// uaccessOnFault is where a data abort at EL1 resumes while a user copy
// runs (uaccess.s), 0 otherwise: FreeBSD's pcb_onfault.
var uaccessOnFault uintptr

// uaccessFaults counts the user copies a fault sent to the software
// path.
var uaccessFaults uint64

// UaccessFaults returns how many user copies through the MMU faulted.
func UaccessFaults() uint64 { return uaccessFaults }

// CopyFromUser copies n bytes from user address src to dst through
// TTBR0_EL1's tables with EL0's permissions (LDTR) and reports whether
// no fault stopped it (copy_from_user; raw_copy_from_user on Linux). A
// fault leaves dst partly written.
//
// Preconditions: exceptions are masked, so nothing else runs while
// uaccessOnFault is set.
//
// defined in uaccess.s
//
//go:noescape
func CopyFromUser(dst unsafe.Pointer, src uintptr, n uintptr) (ok bool)

// CopyToUser copies n bytes from src to user address dst with EL0's
// permissions (STTR), as CopyFromUser does the other way (copy_to_user).
//
// defined in uaccess.s
//
//go:noescape
func CopyToUser(dst uintptr, src unsafe.Pointer, n uintptr) (ok bool)

// uaccessFault is never called: uaccessFixup resumes a faulting copy
// there.
//
// defined in uaccess.s
func uaccessFault(dst unsafe.Pointer, src uintptr, n uintptr) (ok bool)
