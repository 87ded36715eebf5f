//go:build tamago && amd64

package amd64

import "unsafe"

// uaccessOnFault is where a page fault in ring 0 resumes while a user
// copy runs (uaccess.s), 0 otherwise: FreeBSD's pcb_onfault.
var uaccessOnFault uintptr

// uaccessFaults counts the user copies a fault sent to the software
// path.
var uaccessFaults uint64

// UaccessFaults returns how many user copies through the MMU faulted.
func UaccessFaults() uint64 { return uaccessFaults }

// CopyFromUser copies n bytes from user address src to dst through the
// current page tables and reports whether no page fault stopped it
// (copy_from_user; raw_copy_from_user on Linux). A fault leaves dst
// partly written.
//
// Preconditions: src..src+n is a user range (access_ok): the copy runs
// with the kernel's privileges, and the kernel's own pages do not fault.
// CR0.WP is set (Init), so a write to a read-only user page faults; with
// SMAP the copy sets RFLAGS.AC for its own accesses only.
// Interrupts are off, so nothing else runs while uaccessOnFault is set.
//
// defined in uaccess.s
//
//go:noescape
func CopyFromUser(dst unsafe.Pointer, src uintptr, n uintptr) (ok bool)

// CopyToUser copies n bytes from src to user address dst, as
// CopyFromUser does the other way (copy_to_user).
//
// defined in uaccess.s
//
//go:noescape
func CopyToUser(dst uintptr, src unsafe.Pointer, n uintptr) (ok bool)

// uaccessFault is never called: trapCommon resumes a faulting copy there.
//
// defined in uaccess.s
func uaccessFault(dst unsafe.Pointer, src uintptr, n uintptr) (ok bool)
