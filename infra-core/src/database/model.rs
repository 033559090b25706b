//! The database section's model: PostgreSQL instances on RDS, their read replicas and backups.
//!
//! Storage is always encrypted at rest (with a KMS key of the section) and the master password
//! is never part of the design: it is generated and rotated in Secrets Manager.

use crate::model::PerEnv;
use crate::value::{Name, RetentionDays};

/// The database section: the platform's PostgreSQL instances.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Databases {
    /// The PostgreSQL instances.
    pub postgres: Vec<Postgres>,
}

impl Databases {
    /// No databases.
    pub fn new() -> Databases {
        Databases::default()
    }

    /// Whether the section holds nothing (a platform without databases).
    pub fn is_empty(&self) -> bool {
        self.postgres.is_empty()
    }

    /// Adds a PostgreSQL instance.
    pub fn postgres(mut self, postgres: Postgres) -> Databases {
        self.postgres.push(postgres);
        self
    }
}

/// An RDS for PostgreSQL primary with its read replicas and backups.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Postgres {
    /// Its name.
    pub name: Name,
    /// The engine version, such as `14.23` (or a major version alone, `14`).
    pub engine_version: String,
    /// The DB instance class, such as `db.r5.large`, per environment.
    pub instance_class: PerEnv<String>,
    /// Its gp3 storage.
    pub storage: Storage,
    /// Whether RDS keeps a standby in a second zone, per environment.
    pub multi_az: PerEnv<bool>,
    /// The subnet tier of its DB subnet group.
    pub tier: Name,
    /// Its security groups, by name.
    pub security_groups: Vec<Name>,
    /// Its automated backups.
    pub backup: Backup,
    /// The weekly maintenance window, `ddd:hh:mm-ddd:hh:mm` in UTC.
    pub maintenance_window: String,
    /// The logs exported to CloudWatch Logs: `postgresql`, `upgrade`, `iam-db-auth-error`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log_exports: Vec<String>,
    /// How long the log groups of the exported logs keep them. With it (or `log_kms_key`), the
    /// stack creates the groups (`/aws/rds/instance/<instance>/<log>`) and so names the instances
    /// (`<platform>-<environment>-<name>`, replicas `...-replica-<n>`); without either, RDS
    /// creates them, kept forever and unencrypted, and the instances get generated names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_retention: Option<RetentionDays>,
    /// The KMS key of the design (`security { kms_key <name> {} }`) that encrypts the log groups of the exported logs, by name;
    /// unencrypted without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_kms_key: Option<Name>,
    /// The KMS key of the design (`security { kms_key <name> {} }`) that encrypts its storage, replicas, master secret, Performance Insights and backups, by name;
    /// a key of its own without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key: Option<Name>,
    /// Its read replicas.
    #[serde(default, skip_serializing_if = "Replicas::is_none")]
    pub replicas: Replicas,
    /// Daily snapshots kept by AWS Backup, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshots: Option<Snapshots>,
    /// How the master password is kept and rotated.
    pub master_password: MasterPassword,
}

impl Postgres {
    /// A single-AZ instance without replicas, log exports or snapshots.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        name: Name,
        engine_version: impl Into<String>,
        instance_class: impl Into<PerEnv<String>>,
        storage: Storage,
        tier: Name,
        backup: Backup,
        maintenance_window: impl Into<String>,
        master_password: MasterPassword,
    ) -> Postgres {
        Postgres {
            name,
            engine_version: engine_version.into(),
            instance_class: instance_class.into(),
            storage,
            multi_az: PerEnv::new(false),
            tier,
            security_groups: Vec::new(),
            backup,
            maintenance_window: maintenance_window.into(),
            log_exports: Vec::new(),
            log_retention: None,
            log_kms_key: None,
            kms_key: None,
            replicas: Replicas::default(),
            snapshots: None,
            master_password,
        }
    }

    /// Sets whether it is multi-AZ, per environment.
    pub fn multi_az(mut self, multi_az: impl Into<PerEnv<bool>>) -> Postgres {
        self.multi_az = multi_az.into();
        self
    }

    /// Gives it the security group `group`.
    pub fn security_group(mut self, group: Name) -> Postgres {
        self.security_groups.push(group);
        self
    }

    /// Exports the log `log` (`postgresql`, `upgrade` or `iam-db-auth-error`).
    pub fn log_export(mut self, log: impl Into<String>) -> Postgres {
        self.log_exports.push(log.into());
        self
    }

    /// Keeps the exported logs for `retention` in log groups of the stack, encrypted with the
    /// design's KMS key `key` if one is given.
    pub fn logs(mut self, retention: RetentionDays, key: Option<Name>) -> Postgres {
        self.log_retention = Some(retention);
        self.log_kms_key = key;
        self
    }

    /// Whether the stack creates the log groups of its exported logs (and so names its
    /// instances): it exports logs and states their retention or their key.
    pub fn owns_log_groups(&self) -> bool {
        !self.log_exports.is_empty() && (self.log_retention.is_some() || self.log_kms_key.is_some())
    }

    /// Encrypts it with the design's KMS key `key`.
    pub fn kms_key(mut self, key: Name) -> Postgres {
        self.kms_key = Some(key);
        self
    }

    /// Sets its read replicas.
    pub fn replicas(mut self, replicas: Replicas) -> Postgres {
        self.replicas = replicas;
        self
    }

    /// Keeps a daily snapshot for `days` days.
    pub fn snapshots(mut self, days: u32) -> Postgres {
        self.snapshots = Some(Snapshots { keep_days: days });
        self
    }

    /// The instance class of the replicas in `environment`: their own, or the primary's.
    pub fn replica_class(&self, environment: &str) -> &str {
        self.replicas
            .instance_class
            .as_ref()
            .unwrap_or(&self.instance_class)
            .get(environment)
    }

    /// The storage of the replicas: their own, or the primary's.
    pub fn replica_storage(&self) -> &Storage {
        self.replicas.storage.as_ref().unwrap_or(&self.storage)
    }
}

/// gp3 storage: its size and, from 400 GiB, optionally provisioned IOPS and throughput.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Storage {
    /// The allocated storage, in GiB.
    pub size_gib: u32,
    /// Provisioned IOPS, if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<u32>,
    /// Provisioned throughput, in MiB/s, if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<u32>,
}

impl Storage {
    /// `size_gib` GiB of gp3 at its baseline performance.
    pub const fn gp3(size_gib: u32) -> Storage {
        Storage {
            size_gib,
            iops: None,
            throughput: None,
        }
    }

    /// Sets provisioned IOPS and throughput (MiB/s).
    pub const fn provisioned(mut self, iops: u32, throughput: u32) -> Storage {
        self.iops = Some(iops);
        self.throughput = Some(throughput);
        self
    }
}

/// Automated backups: how many days RDS keeps them and when it takes them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    /// Days the automated backups are kept (0 turns them off).
    pub retention_days: u32,
    /// The daily backup window, `hh:mm-hh:mm` in UTC.
    pub window: String,
}

impl Backup {
    /// Backups kept `retention_days` days, taken in `window`.
    pub fn new(retention_days: u32, window: impl Into<String>) -> Backup {
        Backup {
            retention_days,
            window: window.into(),
        }
    }
}

/// The read replicas of a primary: how many, on which class and storage.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Replicas {
    /// How many, per environment.
    pub count: PerEnv<u32>,
    /// Their instance class, when it is not the primary's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_class: Option<PerEnv<String>>,
    /// Their storage, when it is not the primary's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<Storage>,
}

impl Replicas {
    /// `count` replicas like the primary.
    pub fn new(count: impl Into<PerEnv<u32>>) -> Replicas {
        Replicas {
            count: count.into(),
            instance_class: None,
            storage: None,
        }
    }

    /// Whether no environment has a replica and nothing else is set.
    pub fn is_none(&self) -> bool {
        *self == Replicas::default()
    }
}

impl Default for Replicas {
    /// No replicas.
    fn default() -> Replicas {
        Replicas::new(0)
    }
}

/// Daily snapshots taken by AWS Backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshots {
    /// Days each snapshot is kept.
    pub keep_days: u32,
}

/// How the master password is kept. It never appears in the design or the template.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum MasterPassword {
    /// A Secrets Manager secret the stack generates, rotated by AWS's hosted rotation function
    /// running in `tier` with `security_groups` (which must reach Secrets Manager and the
    /// database).
    Secret {
        /// Days between rotations.
        rotation_days: u32,
        /// The subnet tier the rotation function runs in.
        tier: Name,
        /// The rotation function's security groups, by name.
        security_groups: Vec<Name>,
    },
    /// RDS's own managed secret (`ManageMasterUserPassword`), rotated by RDS.
    RdsManaged {
        /// Days between rotations.
        rotation_days: u32,
    },
}

impl MasterPassword {
    /// Days between rotations.
    pub fn rotation_days(&self) -> u32 {
        match self {
            MasterPassword::Secret { rotation_days, .. }
            | MasterPassword::RdsManaged { rotation_days } => *rotation_days,
        }
    }
}
