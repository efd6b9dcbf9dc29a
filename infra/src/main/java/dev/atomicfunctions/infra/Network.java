package dev.atomicfunctions.infra;

import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * A VPC of isolated subnets only, in two zones (RDS and RDS Proxy need two): no NAT gateway, no internet gateway,
 * so nothing in it can reach the internet. The functions talk to the proxy, and to the one AWS API they call, SQS
 * (the outbox relay, the consumer's delayed redeliveries), through an interface endpoint ({@link #addInterfaceEndpoint}, about $7.30 a month per zone);
 * IAM tokens are signed locally, and Lambda itself carries logs and traces.
 */
final class Network extends Construct {

    private final Vpc vpc;
    private final SecurityGroup functions;

    Network(Construct scope, String id) {
        super(scope, id);
        vpc = Vpc.Builder.create(this, "Vpc")
            .ipAddresses(IpAddresses.cidr("10.40.0.0/16"))
            .maxAzs(2)
            .natGateways(0)
            .subnetConfiguration(List.of(SubnetConfiguration.builder()
                .name("isolated").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
            .flowLogs(Map.of("Rejected", FlowLogOptions.builder()
                // Rejected traffic only: what a security review needs, at a fraction of the log volume of ALL.
                .trafficType(FlowLogTrafficType.REJECT)
                .destination(FlowLogDestination.toCloudWatchLogs(Logs.group(this, "FlowLogs")))
                .build()))
            .build();
        functions = SecurityGroup.Builder.create(this, "Functions").vpc(vpc)
            .description("Lambda functions: no inbound; outbound only where granted (the proxy)")
            .allowAllOutbound(false)
            .build();
    }

    Vpc vpc() {
        return vpc;
    }

    /** @return where functions, proxy and database live */
    SubnetSelection isolatedSubnets() {
        return SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
    }

    /** @return the security group every function shares */
    SecurityGroup functions() {
        return functions;
    }

    /**
     * For a function that calls an AWS API (SQS for the outbox relay): a private endpoint in both zones, reachable
     * from the functions only.
     *
     * @return the endpoint, to narrow its policy to what the functions call through it
     */
    InterfaceVpcEndpoint addInterfaceEndpoint(String id, InterfaceVpcEndpointAwsService service) {
        return vpc.addInterfaceEndpoint(id, InterfaceVpcEndpointOptions.builder()
            .service(service).subnets(isolatedSubnets()).privateDnsEnabled(true)
            // Not open to the whole VPC (the default): only the functions' security group gets in.
            .open(false)
            .securityGroups(List.of(endpointGroup(id)))
            .build());
    }

    private SecurityGroup endpointGroup(String id) {
        SecurityGroup group = SecurityGroup.Builder.create(this, id + "Endpoint").vpc(vpc)
            .description(id + " endpoint: HTTPS from the functions only").allowAllOutbound(false).build();
        group.addIngressRule(functions, Port.tcp(443), "functions");
        functions.addEgressRule(group, Port.tcp(443), id + " endpoint");
        return group;
    }
}
