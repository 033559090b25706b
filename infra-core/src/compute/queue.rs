//! The compute section's queues: Amazon SQS standard queues, each with its dead-letter queue,
//! which services send to, consume and scale on.

use crate::value::{MaxReceiveCount, MessageRetention, Name, QueueThreshold, VisibilityTimeout};

/// An SQS standard queue with a dead-letter queue, both encrypted with the KMS key the queue
/// names, or a key of their own.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Queue {
    /// Its name.
    pub name: Name,
    /// How long a received message stays hidden from other consumers: the time a consumer has
    /// to process and delete it. The same in every environment, since it follows the consumer's
    /// code, not the environment's size.
    pub visibility_timeout: VisibilityTimeout,
    /// How long the queue keeps a message nobody deleted.
    pub retention: MessageRetention,
    /// Where messages go after too many receives.
    pub dead_letter: DeadLetter,
    /// The KMS key of the design (`security { kms_key <name> {} }`) that encrypts the queue and its dead-letter queue, by name;
    /// a key of their own without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key: Option<Name>,
}

impl Queue {
    /// A queue with its dead-letter queue.
    pub fn new(
        name: Name,
        visibility_timeout: VisibilityTimeout,
        retention: MessageRetention,
        dead_letter: DeadLetter,
    ) -> Queue {
        Queue {
            name,
            visibility_timeout,
            retention,
            dead_letter,
            kms_key: None,
        }
    }

    /// Encrypts the queue and its dead-letter queue with the design's KMS key `key`.
    pub fn kms_key(mut self, key: Name) -> Queue {
        self.kms_key = Some(key);
        self
    }
}

/// A queue's dead-letter queue: messages received `max_receives` times without being deleted
/// move there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadLetter {
    /// How many receives a message gets before it moves.
    pub max_receives: MaxReceiveCount,
    /// How long the dead-letter queue keeps a message, counted from when it was first sent to
    /// the source queue (standard queues keep the original enqueue time).
    pub retention: MessageRetention,
}

/// Scaling a service on its queue's depth: tasks are added while more than `threshold` messages
/// are visible, and removed once the queue has drained, at most once per `cooldown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueueScaling {
    /// The number of visible messages above which tasks are added.
    pub threshold: QueueThreshold,
    /// Seconds after a scaling activity before the next one in the same direction.
    pub cooldown: u32,
}
