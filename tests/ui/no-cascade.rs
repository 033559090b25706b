// After an error the macro still yields a value of the right type, so code using the platform
// gets no second error: only the overlap is reported.
use infra::platform;

fn main() {
    let demo = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a"] }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                isolated data  { "ap-northeast-1a": "10.0.1.0/24" }
                isolated cache { "ap-northeast-1a": "10.0.1.0/24" }
            }
        }
    };
    println!("{}", demo.network.vpc.get("production"));
    let _template = infra::aws::synth(&demo, "production");
}
