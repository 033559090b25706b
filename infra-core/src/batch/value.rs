//! The batch section's typed values: a job queue's priority and a compute environment's vCPU
//! limit. Each constructor is a `const fn` that rejects what AWS Batch rejects.

use std::fmt;

use crate::rules::declare_rules;
use crate::value::ValueError;

declare_rules! {
    /// A job queue's priority is outside 0-1000.
    INVALID_JOB_QUEUE_PRIORITY = "invalid-job-queue-priority", Error,
        "a job queue's priority is 0 to 1000 (the higher number is scheduled first)",
        "AWS Batch API CreateJobQueue.priority; cfn-lint aws-batch-jobqueue.json Priority (0-1000); aws-rules.md §8";
    /// A compute environment's maximum vCPUs is not above 0.
    INVALID_MAX_VCPUS = "invalid-max-vcpus", Error,
        "a compute environment's maximum vCPUs is above 0",
        "AWS Batch API ComputeResource.maxvCpus (required; an Integer); Batch User Guide, Fargate compute environments";
}

/// A job queue's priority, 0 to 1000: where queues share a compute environment, AWS Batch
/// schedules the queue with the HIGHER number first (10 before 1).
///
/// Source: AWS Batch API `CreateJobQueue.priority` ("a job queue with a priority value of 10 is
/// given scheduling preference over a job queue with a priority value of 1"); cfn-lint schema
/// `aws-batch-jobqueue.json` (0-1000).
///
/// ```
/// use infra_core::value::{JobQueuePriority, ValueError};
///
/// const HIGH: JobQueuePriority = JobQueuePriority::new_assert(10);
/// assert_eq!(HIGH.get(), 10);
/// assert_eq!(JobQueuePriority::from_i128(1001), Err(ValueError::JobQueuePriority(1001)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JobQueuePriority(u16);

impl JobQueuePriority {
    /// The highest priority AWS Batch accepts.
    pub const MAX: u16 = 1000;

    /// Checks that `priority` is in 0-1000.
    ///
    /// # Errors
    /// [`ValueError::JobQueuePriority`] above 1000.
    pub const fn new(priority: u32) -> Result<JobQueuePriority, ValueError> {
        Self::from_i128(priority as i128)
    }

    /// Like [`JobQueuePriority::new`], for a number as written, which may be negative or huge.
    ///
    /// # Errors
    /// [`ValueError::JobQueuePriority`] outside 0-1000.
    pub const fn from_i128(priority: i128) -> Result<JobQueuePriority, ValueError> {
        if priority < 0 || priority > Self::MAX as i128 {
            Err(ValueError::JobQueuePriority(priority))
        } else {
            Ok(JobQueuePriority(priority as u16))
        }
    }

    /// Like [`JobQueuePriority::new`], for `const` items.
    ///
    /// # Panics
    /// Above 1000; in a `const` item that panic is a compile error.
    pub const fn new_assert(priority: u32) -> JobQueuePriority {
        match JobQueuePriority::new(priority) {
            Ok(priority) => priority,
            Err(error) => panic!("{}", error.summary()),
        }
    }

    /// The number.
    pub const fn get(&self) -> u16 {
        self.0
    }
}

impl fmt::Display for JobQueuePriority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The most vCPUs a compute environment runs at once: 1 up to CloudFormation's largest
/// `Integer`. AWS documents no per-environment upper bound; the account's Fargate vCPU quota is
/// the effective cap.
///
/// Source: AWS Batch API `ComputeResource.maxvCpus` (required, an Integer); Batch User Guide,
/// "Fargate compute environments".
///
/// ```
/// use infra_core::value::{MaxVcpus, ValueError};
///
/// assert_eq!(MaxVcpus::new(100).map(|n| n.get()), Ok(100));
/// assert_eq!(MaxVcpus::from_i128(0), Err(ValueError::MaxVcpus(0)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MaxVcpus(u32);

impl MaxVcpus {
    /// The largest number CloudFormation's `Integer` holds.
    pub const MAX: u32 = i32::MAX as u32;

    /// Checks that `vcpus` is in 1 to 2147483647.
    ///
    /// # Errors
    /// [`ValueError::MaxVcpus`] outside that range.
    pub const fn new(vcpus: u32) -> Result<MaxVcpus, ValueError> {
        Self::from_i128(vcpus as i128)
    }

    /// Like [`MaxVcpus::new`], for a number as written, which may be negative or huge.
    ///
    /// # Errors
    /// [`ValueError::MaxVcpus`] outside 1 to 2147483647.
    pub const fn from_i128(vcpus: i128) -> Result<MaxVcpus, ValueError> {
        if vcpus < 1 || vcpus > Self::MAX as i128 {
            Err(ValueError::MaxVcpus(vcpus))
        } else {
            Ok(MaxVcpus(vcpus as u32))
        }
    }

    /// Like [`MaxVcpus::new`], for `const` items.
    ///
    /// # Panics
    /// Outside 1 to 2147483647; in a `const` item that panic is a compile error.
    pub const fn new_assert(vcpus: u32) -> MaxVcpus {
        match MaxVcpus::new(vcpus) {
            Ok(vcpus) => vcpus,
            Err(error) => panic!("{}", error.summary()),
        }
    }

    /// The number.
    pub const fn get(&self) -> u32 {
        self.0
    }
}

impl fmt::Display for MaxVcpus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priorities_run_0_to_1000() {
        assert_eq!(JobQueuePriority::from_i128(0).map(|p| p.get()), Ok(0));
        assert_eq!(JobQueuePriority::new(1000).map(|p| p.get()), Ok(1000));
        assert_eq!(
            JobQueuePriority::new(1001),
            Err(ValueError::JobQueuePriority(1001))
        );
        assert_eq!(
            JobQueuePriority::from_i128(-1),
            Err(ValueError::JobQueuePriority(-1))
        );
        assert_eq!(
            ValueError::JobQueuePriority(1001).rule().code,
            "invalid-job-queue-priority"
        );
    }

    #[test]
    fn max_vcpus_is_above_0() {
        assert_eq!(MaxVcpus::new(1).map(|n| n.get()), Ok(1));
        assert_eq!(MaxVcpus::new(0), Err(ValueError::MaxVcpus(0)));
        assert_eq!(
            MaxVcpus::from_i128(1 << 31),
            Err(ValueError::MaxVcpus(1 << 31))
        );
        assert_eq!(MaxVcpus::new(i32::MAX as u32).map(|n| n.get()), Ok(i32::MAX as u32));
        assert_eq!(ValueError::MaxVcpus(0).rule().code, "invalid-max-vcpus");
    }
}
