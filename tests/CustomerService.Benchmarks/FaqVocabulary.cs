namespace CustomerService.Benchmarks;

/// <summary>
/// Word pools the generated FAQ and the message mix are composed from. Products and actions are
/// paired by index (Chinese, English), so one (product, action) pair is the same topic in both languages.
/// </summary>
internal static class FaqVocabulary
{
    public static readonly (string Zh, string En)[] Products =
    [
        ("蓝牙耳机", "wireless earbuds"), ("智能手表", "smart watch"), ("扫地机器人", "robot vacuum"), ("电动牙刷", "electric toothbrush"),
        ("空气净化器", "air purifier"), ("路由器", "router"), ("平板电脑", "tablet"), ("笔记本电脑", "laptop"), ("手机", "phone"),
        ("充电宝", "power bank"), ("电饭煲", "rice cooker"), ("咖啡机", "coffee machine"), ("吹风机", "hair dryer"), ("体脂秤", "smart scale"),
        ("智能门锁", "smart lock"), ("投影仪", "projector"), ("机械键盘", "mechanical keyboard"), ("无线鼠标", "wireless mouse"),
        ("显示器", "monitor"), ("智能音箱", "smart speaker"), ("监控摄像头", "security camera"), ("加湿器", "humidifier"),
        ("洗碗机", "dishwasher"), ("冰箱", "fridge"), ("空调", "air conditioner"), ("电视", "TV"), ("游戏手柄", "game controller"),
        ("打印机", "printer"), ("儿童手表", "kids watch"), ("净水器", "water filter"), ("电动滑板车", "e-scooter"), ("行车记录仪", "dash cam"),
        ("微波炉", "microwave"), ("剃须刀", "shaver"), ("运动手环", "fitness band"),
    ];

    public static readonly (string Zh, string En)[] Actions =
    [
        ("退货", "return"), ("换货", "exchange"), ("保修", "claim the warranty on"), ("维修", "repair"), ("充电", "charge"),
        ("激活", "activate"), ("绑定", "pair"), ("解绑", "unpair"), ("升级固件", "update the firmware of"), ("重置", "reset"),
        ("开发票", "get an invoice for"), ("查物流", "track the delivery of"), ("改收货地址", "change the delivery address for"),
        ("取消订单", "cancel the order for"), ("申请退款", "get a refund for"), ("延长保修", "extend the warranty of"), ("注册", "register"),
        ("分期付款", "pay in instalments for"), ("修改密码", "change the password of"), ("连蓝牙", "set up Bluetooth on"),
        ("连WiFi", "set up Wi-Fi on"), ("恢复出厂设置", "factory reset"), ("更换电池", "replace the battery of"), ("清洁", "clean"),
        ("预约安装", "book an installation for"), ("以旧换新", "trade in"), ("回收", "recycle"), ("解锁", "unlock"),
        ("同步数据", "sync the data of"), ("找说明书", "find the manual for"),
    ];

    // {p} = product, {a} = action.
    public static readonly string[] ZhTemplates =
    [
        "{p}怎么{a}", "{p}如何{a}？", "请问{p}可以{a}吗", "我想{a}，{p}要怎么操作", "{p}{a}需要多久", "{p}{a}失败了怎么办",
        "在哪里给{p}{a}", "{p}能不能{a}", "{p}{a}要收费吗", "帮我{a}一下{p}", "新买的{p}想{a}", "{p}{a}的流程是什么",
    ];

    public static readonly string[] EnTemplates =
    [
        "how do I {a} my {p}", "how can I {a} my {p}?", "can I {a} my {p}", "what is the way to {a} a {p}",
        "I want to {a} my {p}, what should I do", "is it possible to {a} the {p}", "how long does it take to {a} a {p}",
        "does it cost anything to {a} my {p}", "help me {a} my {p}", "where do I go to {a} my {p}", "{p}: how to {a}?",
        "steps to {a} a new {p}",
    ];

    // Wrappers that turn a question into a paraphrase a customer would type.
    public static readonly string[] ZhWrappers = ["您好，{q}", "请问{q}", "{q}呢", "{q}？谢谢", "亲，{q}", "{q}，急", "在吗？{q}"];

    public static readonly string[] EnWrappers = ["hi, {q}", "hello {q}?", "{q}, thanks", "quick question: {q}", "{q} please", "hey there, {q}"];

    // Off-topic messages: the bot cannot answer them, so they take the hand-off path.
    public static readonly string[] ZhOffTopic =
    [
        "今天天气怎么样", "给我讲个笑话吧", "你们老板是谁", "附近有什么好吃的餐厅", "股票明天会涨吗", "帮我写一首关于大海的诗",
        "周末去哪里玩比较好", "这首歌叫什么名字", "我昨天做了个奇怪的梦", "猫为什么喜欢纸箱", "火星上有水吗", "推荐一本好看的小说",
        "明天会下雨吗", "我的快递员态度很差，心情不好", "你喜欢吃火锅吗", "世界杯谁会夺冠",
    ];

    public static readonly string[] EnOffTopic =
    [
        "what's the weather like tomorrow", "tell me a joke", "who won the football match last night", "recommend a good movie",
        "what is the meaning of life", "my neighbour's dog keeps barking", "write me a poem about the sea", "which stock should I buy",
        "is there water on mars", "why do cats love boxes", "what should I cook for dinner tonight", "how tall is mount everest",
        "I had a strange dream yesterday", "do you like pizza", "translate good morning into french", "what year did the titanic sink",
    ];

    public static readonly string[] ZhOffTopicTails = ["", "？", "啊", "，说说看", "，我很好奇", "……"];

    public static readonly string[] EnOffTopicTails = ["", "?", " lol", ", just curious", " right now", "!!"];
}
