// Messages read as English and show names as written: "an environment field", and a raw
// identifier without its `r#` prefix.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { 1 }
        }
        network {
            vpc: "10.0.0.0/16",
            security_group app { r#public: true }
        }
    };
}
